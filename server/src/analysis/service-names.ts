/**
 * VPC endpoint service names: which service a `ServiceName` denotes (`com.amazonaws.<region>.ssm` →
 * `ssm`) and which DNS names private DNS makes resolve to the endpoint (`ssm.<region>.amazonaws.com`).
 * Sources: the AWS PrivateLink guide's list of AWS services that integrate with PrivateLink, and the
 * ECR, S3, ECS and API Gateway endpoint pages for the names that do not follow the common pattern.
 */

export interface ServiceName {
  /** The `ServiceName` as evaluated, placeholders included. */
  readonly full: string;
  /** The service part (`ssm`, `ecr.dkr`, `s3`) of an AWS service; undefined for endpoint services of other accounts. */
  readonly service: string | undefined;
  /** The region as written, or `${AWS::Region}` when symbolic. */
  readonly region: string | undefined;
}

/** Parse an endpoint `ServiceName` such as `com.amazonaws.${AWS::Region}.ssm`. */
export function parseServiceName(full: string): ServiceName {
  const match = /^(?:com\.amazonaws|aws\.api|aws\.sagemaker|cn\.com\.amazonaws)\.([^.]+)\.(.+)$/.exec(full);
  if (!match) return { full, service: undefined, region: undefined };
  const region = match[1] ?? '';
  const service = match[2] ?? '';
  // `com.amazonaws.vpce.<region>.vpce-svc-…` is an endpoint service of some account, not an AWS service.
  if (region === 'vpce' || service.startsWith('vpce-svc-') || service.includes('vpce-svc-')) return { full, service: undefined, region: undefined };
  if (!isRegion(region)) return { full, service: undefined, region: undefined };
  return { full, service, region };
}

function isRegion(text: string): boolean {
  return text === '${AWS::Region}' || /^[a-z]{2}(-[a-z]+)+-\d$/.test(text);
}

/** How the names of services that do not follow `<service>.<region>.amazonaws.com` are built. */
const SPECIAL_NAMES: Readonly<Record<string, (region: string, suffix: string) => readonly string[]>> = {
  'ecr.dkr': (r, s) => [`dkr.ecr.${r}.${s}`, `*.dkr.ecr.${r}.${s}`],
  'ecr.api': (r, s) => [`api.ecr.${r}.${s}`],
  s3: (r, s) => [`s3.${r}.${s}`, `*.s3.${r}.${s}`],
  'execute-api': (r, s) => [`*.execute-api.${r}.${s}`],
  'ecs-agent': (r, s) => [`ecs-a-*.${r}.${s}`],
  'ecs-telemetry': (r, s) => [`ecs-t-*.${r}.${s}`],
  'sagemaker.api': (r, s) => [`api.sagemaker.${r}.${s}`],
  'sagemaker.runtime': (r, s) => [`runtime.sagemaker.${r}.${s}`],
  'sagemaker.featurestore-runtime': (r, s) => [`featurestore-runtime.sagemaker.${r}.${s}`],
  'kinesis-streams': (r, s) => [`kinesis.${r}.${s}`],
  'kinesis-firehose': (r, s) => [`firehose.${r}.${s}`],
  'elasticloadbalancing': (r, s) => [`elasticloadbalancing.${r}.${s}`],
  'rds-data': (r, s) => [`rds-data.${r}.${s}`],
  'git-codecommit': (r, s) => [`git-codecommit.${r}.${s}`],
  'emr-serverless': (r, s) => [`emr-serverless.${r}.${s}`],
};

/** The placeholder shown for a region that is not known. */
export const REGION_PLACEHOLDER = '<region>';

/**
 * The DNS names private DNS answers for a service, with the region written as given
 * (`<region>` when it is only `${AWS::Region}`).
 */
export function privateDnsNames(name: ServiceName): readonly string[] {
  if (!name.service || !name.region) return [];
  const region = name.region === '${AWS::Region}' ? REGION_PLACEHOLDER : name.region;
  const suffix = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  const special = SPECIAL_NAMES[name.service];
  if (special) return special(region, suffix);
  return [`${name.service}.${region}.${suffix}`];
}

/** The main DNS name, for messages: `ssm.<region>.amazonaws.com`. */
export function primaryDnsName(name: ServiceName): string | undefined {
  return privateDnsNames(name)[0];
}

/** Services that have gateway endpoints. */
export const GATEWAY_SERVICES: ReadonlySet<string> = new Set(['s3', 'dynamodb']);

/** The display name of well-known services, for messages ("its Session Manager calls"). */
const SERVICE_TITLES: Readonly<Record<string, string>> = {
  ssm: 'Systems Manager',
  ssmmessages: 'Session Manager',
  ec2messages: 'Systems Manager agent',
  'ecr.dkr': 'ECR image pull',
  'ecr.api': 'ECR API',
  s3: 'S3',
  dynamodb: 'DynamoDB',
  logs: 'CloudWatch Logs',
  secretsmanager: 'Secrets Manager',
  kms: 'KMS',
  sts: 'STS',
  sqs: 'SQS',
  sns: 'SNS',
  ecs: 'ECS',
  'ecs-agent': 'ECS agent',
  'ecs-telemetry': 'ECS telemetry',
  'execute-api': 'API Gateway',
  ec2: 'EC2 API',
  monitoring: 'CloudWatch',
  lambda: 'Lambda',
  'sagemaker.api': 'SageMaker API',
  'sagemaker.runtime': 'SageMaker runtime',
  elasticloadbalancing: 'Elastic Load Balancing',
};

/** A human name for a service: `Systems Manager` for `ssm`; the service id for others. */
export function serviceTitle(service: string): string {
  return SERVICE_TITLES[service] ?? service;
}
