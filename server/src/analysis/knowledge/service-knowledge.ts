/**
 * The knowledge base, as data: which AWS services a workload needs, by what shows it. Endpoint sets
 * (Session Manager, ECR image pulls, ECS on EC2, ECS Exec, EKS nodes), AWS managed policies, IAM action
 * prefixes, AWS SAM policy templates, the resource types an environment variable may name and the
 * service part of ARNs. Every entry names the AWS documentation page it comes from, so that a hover
 * or a rule page can say why. Services are named as in a VPC endpoint's `ServiceName`
 * (`com.amazonaws.<region>.<service>`), not as in IAM.
 */

/** How important a need is: `required` breaks the workload when unmet; `hint` is advice (info level). */
export type NeedLevel = 'required' | 'hint';

/**
 * Which kind of endpoint serves a need. S3 and DynamoDB have gateway and interface endpoints;
 * ECR image layers come from S3 through a gateway endpoint only.
 */
export type EndpointKind = 'interface' | 'gateway' | 'either';

export type EndpointSetId = 'session-manager' | 'ecr' | 'ecs-ec2' | 'ecs-exec' | 'eks';

export interface SetMember {
  readonly service: string;
  /** `when-needed` members belong to the set only for workloads that need the service for another reason (awslogs for ECR). */
  readonly level: NeedLevel | 'when-needed';
  readonly endpointKind: EndpointKind;
  /** What the member is for, in the user's terms: `encrypted sessions`. */
  readonly purpose: string;
}

export interface EndpointSet {
  readonly id: EndpointSetId;
  /** The set's name in messages: `Session Manager`. */
  readonly title: string;
  readonly members: readonly SetMember[];
  /**
   * Services whose endpoint shows that the VPC uses the set. An endpoint for `ssm` alone may serve
   * Parameter Store and `ecs` alone the ECS API, so those count only where a workload needs the set.
   * A trigger need not be a member.
   */
  readonly triggers: readonly string[];
  /** What fails without the set, for whom: `instances cannot register with Systems Manager or start sessions`. */
  readonly consequence: string;
  /** Who is affected, when no declared workload is: `instances`. */
  readonly clients: string;
  readonly source: string;
}

const SSM_VPC = 'https://docs.aws.amazon.com/systems-manager/latest/userguide/setup-create-vpc.html';
const ECR_VPC = 'https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html';
const ECS_VPC = 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/vpc-endpoints.html';
const ECS_EXEC = 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html';
const EKS_PRIVATE = 'https://docs.aws.amazon.com/eks/latest/userguide/private-clusters.html';

/** The endpoint sets of the rule catalogue ("What each workload needs"). */
export const ENDPOINT_SETS: readonly EndpointSet[] = [
  {
    id: 'session-manager',
    title: 'Session Manager',
    members: [
      { service: 'ssm', level: 'required', endpointKind: 'interface', purpose: 'registering with Systems Manager' },
      { service: 'ssmmessages', level: 'required', endpointKind: 'interface', purpose: 'session channels' },
      { service: 'ec2messages', level: 'required', endpointKind: 'interface', purpose: 'agent messages' },
      { service: 'kms', level: 'hint', endpointKind: 'interface', purpose: 'encrypted sessions' },
      { service: 'logs', level: 'hint', endpointKind: 'interface', purpose: 'session logs in CloudWatch Logs' },
      { service: 's3', level: 'hint', endpointKind: 'gateway', purpose: 'agent updates, patching and output logs' },
    ],
    triggers: ['ssmmessages', 'ec2messages'],
    consequence: 'cannot register with Systems Manager or start sessions',
    clients: 'instances in its subnets without a route to the internet',
    source: SSM_VPC,
  },
  {
    id: 'ecr',
    title: 'ECR image pull',
    members: [
      { service: 'ecr.api', level: 'required', endpointKind: 'interface', purpose: 'registry authentication and image manifests' },
      { service: 'ecr.dkr', level: 'required', endpointKind: 'interface', purpose: 'the Docker registry API' },
      { service: 's3', level: 'required', endpointKind: 'gateway', purpose: 'image layers, which ECR keeps in S3' },
      { service: 'logs', level: 'when-needed', endpointKind: 'interface', purpose: 'the awslogs log driver' },
    ],
    triggers: ['ecr.api', 'ecr.dkr'],
    consequence: 'cannot pull images from ECR',
    clients: 'tasks and nodes in its subnets without a route to the internet',
    source: ECR_VPC,
  },
  {
    id: 'ecs-ec2',
    title: 'ECS container instance',
    members: [
      { service: 'ecs-agent', level: 'required', endpointKind: 'interface', purpose: 'the container agent' },
      { service: 'ecs-telemetry', level: 'required', endpointKind: 'interface', purpose: 'container metrics' },
      { service: 'ecs', level: 'required', endpointKind: 'interface', purpose: 'the ECS API' },
    ],
    triggers: ['ecs-agent', 'ecs-telemetry'],
    consequence: 'cannot register with the cluster or run tasks',
    clients: 'container instances in its subnets without a route to the internet',
    source: ECS_VPC,
  },
  {
    // The ECS Exec prerequisites name only the Session Manager channel endpoint: the agent in the
    // task opens session channels but does not register the task as a managed instance. KMS and
    // CloudWatch Logs endpoints matter only when the cluster's exec configuration names a key or logs.
    id: 'ecs-exec',
    title: 'ECS Exec',
    members: [{ service: 'ssmmessages', level: 'required', endpointKind: 'interface', purpose: 'exec session channels' }],
    triggers: [],
    consequence: 'cannot open ECS Exec sessions',
    clients: 'tasks in its subnets without a route to the internet',
    source: ECS_EXEC,
  },
  {
    // The catalogue lists the EKS endpoints as hints: which of them nodes and pods call depends on
    // the add-ons and the workloads they run.
    id: 'eks',
    title: 'EKS',
    members: [
      { service: 'ec2', level: 'hint', endpointKind: 'interface', purpose: 'node bootstrap and the VPC CNI plugin' },
      { service: 'ecr.api', level: 'hint', endpointKind: 'interface', purpose: 'pulling system images' },
      { service: 'ecr.dkr', level: 'hint', endpointKind: 'interface', purpose: 'pulling system images' },
      { service: 's3', level: 'hint', endpointKind: 'gateway', purpose: 'image layers' },
      { service: 'sts', level: 'hint', endpointKind: 'interface', purpose: 'IAM roles for service accounts' },
      { service: 'logs', level: 'hint', endpointKind: 'interface', purpose: 'control plane and container logs' },
      { service: 'elasticloadbalancing', level: 'hint', endpointKind: 'interface', purpose: 'the AWS Load Balancer Controller' },
    ],
    // An `eks` endpoint (the EKS API) is not a member, but only clusters without internet access create it.
    triggers: ['eks'],
    consequence: 'cannot join the cluster, pull images or run add-ons that call AWS',
    clients: 'nodes in its subnets without a route to the internet',
    source: EKS_PRIVATE,
  },
];

/** The set with this id. */
export function endpointSet(id: EndpointSetId): EndpointSet {
  return ENDPOINT_SETS.find((set) => set.id === id) as EndpointSet;
}

/** What one piece of evidence gives: whole sets and single services. */
export interface Grants {
  readonly sets?: readonly EndpointSetId[];
  readonly services?: readonly { readonly service: string; readonly endpointKind?: EndpointKind }[];
}

export interface ManagedPolicyEntry extends Grants {
  /**
   * True for policies whose sets apply only to workloads that run the SSM agent (instances, Auto
   * Scaling groups, node groups); elsewhere only `services` count.
   */
  readonly agentHostsOnly?: boolean;
  /** Why a policy gives no evidence although it grants calls: the service, not the workload, makes them. */
  readonly noEvidence?: string;
  readonly source: string;
}

const managedPolicyPage = (name: string): string => `https://docs.aws.amazon.com/aws-managed-policy/latest/reference/${name}.html`;

/** AWS managed policies by name (the last part of `arn:aws:iam::aws:policy/[path/]<name>`). */
export const MANAGED_POLICIES: Readonly<Record<string, ManagedPolicyEntry>> = {
  AmazonSSMManagedInstanceCore: { sets: ['session-manager'], services: [{ service: 'ssm' }], agentHostsOnly: true, source: managedPolicyPage('AmazonSSMManagedInstanceCore') },
  AmazonSSMManagedEC2InstanceDefaultPolicy: { sets: ['session-manager'], services: [{ service: 'ssm' }], agentHostsOnly: true, source: managedPolicyPage('AmazonSSMManagedEC2InstanceDefaultPolicy') },
  AmazonEC2RoleforSSM: { sets: ['session-manager'], services: [{ service: 'ssm' }], agentHostsOnly: true, source: managedPolicyPage('AmazonEC2RoleforSSM') },
  AmazonSSMFullAccess: { services: [{ service: 'ssm' }], source: managedPolicyPage('AmazonSSMFullAccess') },
  AmazonSSMReadOnlyAccess: { services: [{ service: 'ssm' }], source: managedPolicyPage('AmazonSSMReadOnlyAccess') },
  AmazonEC2ContainerRegistryReadOnly: { sets: ['ecr'], source: managedPolicyPage('AmazonEC2ContainerRegistryReadOnly') },
  AmazonEC2ContainerRegistryPullOnly: { sets: ['ecr'], source: managedPolicyPage('AmazonEC2ContainerRegistryPullOnly') },
  AmazonEC2ContainerRegistryPowerUser: { sets: ['ecr'], source: managedPolicyPage('AmazonEC2ContainerRegistryPowerUser') },
  AmazonEC2ContainerRegistryFullAccess: { sets: ['ecr'], source: managedPolicyPage('AmazonEC2ContainerRegistryFullAccess') },
  AmazonEC2ContainerServiceforEC2Role: { sets: ['ecs-ec2', 'ecr'], agentHostsOnly: true, source: managedPolicyPage('AmazonEC2ContainerServiceforEC2Role') },
  AmazonEKSWorkerNodePolicy: { services: [{ service: 'ec2' }, { service: 'eks' }], source: managedPolicyPage('AmazonEKSWorkerNodePolicy') },
  AmazonEKS_CNI_Policy: { services: [{ service: 'ec2' }], source: managedPolicyPage('AmazonEKS_CNI_Policy') },
  CloudWatchAgentServerPolicy: { services: [{ service: 'logs' }, { service: 'monitoring' }], source: managedPolicyPage('CloudWatchAgentServerPolicy') },
  CloudWatchAgentAdminPolicy: { services: [{ service: 'logs' }, { service: 'monitoring' }, { service: 'ssm' }], source: managedPolicyPage('CloudWatchAgentAdminPolicy') },
  CloudWatchLogsFullAccess: { services: [{ service: 'logs' }], source: managedPolicyPage('CloudWatchLogsFullAccess') },
  CloudWatchLogsReadOnlyAccess: { services: [{ service: 'logs' }], source: managedPolicyPage('CloudWatchLogsReadOnlyAccess') },
  AWSXRayDaemonWriteAccess: { services: [{ service: 'xray' }], source: managedPolicyPage('AWSXRayDaemonWriteAccess') },
  AmazonS3ReadOnlyAccess: { services: [{ service: 's3' }], source: managedPolicyPage('AmazonS3ReadOnlyAccess') },
  AmazonS3FullAccess: { services: [{ service: 's3' }], source: managedPolicyPage('AmazonS3FullAccess') },
  AmazonDynamoDBReadOnlyAccess: { services: [{ service: 'dynamodb' }], source: managedPolicyPage('AmazonDynamoDBReadOnlyAccess') },
  AmazonDynamoDBFullAccess: { services: [{ service: 'dynamodb' }], source: managedPolicyPage('AmazonDynamoDBFullAccess') },
  AmazonSQSReadOnlyAccess: { services: [{ service: 'sqs' }], source: managedPolicyPage('AmazonSQSReadOnlyAccess') },
  AmazonSQSFullAccess: { services: [{ service: 'sqs' }], source: managedPolicyPage('AmazonSQSFullAccess') },
  AmazonSNSReadOnlyAccess: { services: [{ service: 'sns' }], source: managedPolicyPage('AmazonSNSReadOnlyAccess') },
  AmazonSNSFullAccess: { services: [{ service: 'sns' }], source: managedPolicyPage('AmazonSNSFullAccess') },
  SecretsManagerReadWrite: { services: [{ service: 'secretsmanager' }], source: managedPolicyPage('SecretsManagerReadWrite') },
  AmazonKinesisReadOnlyAccess: { services: [{ service: 'kinesis-streams' }], source: managedPolicyPage('AmazonKinesisReadOnlyAccess') },
  AmazonKinesisFullAccess: { services: [{ service: 'kinesis-streams' }], source: managedPolicyPage('AmazonKinesisFullAccess') },
  AmazonKinesisFirehoseFullAccess: { services: [{ service: 'kinesis-firehose' }], source: managedPolicyPage('AmazonKinesisFirehoseFullAccess') },
  AWSLambdaRole: { services: [{ service: 'lambda' }], source: managedPolicyPage('AWSLambdaRole') },
  AWSLambda_FullAccess: { services: [{ service: 'lambda' }], source: managedPolicyPage('AWSLambda_FullAccess') },
  AWSStepFunctionsFullAccess: { services: [{ service: 'states' }], source: managedPolicyPage('AWSStepFunctionsFullAccess') },
  AmazonAthenaFullAccess: { services: [{ service: 'athena' }], source: managedPolicyPage('AmazonAthenaFullAccess') },
  AmazonBedrockFullAccess: { services: [{ service: 'bedrock' }, { service: 'bedrock-runtime' }], source: managedPolicyPage('AmazonBedrockFullAccess') },
  AWSLambdaBasicExecutionRole: {
    noEvidence: 'Lambda itself sends a function’s logs to CloudWatch Logs, outside the function’s VPC',
    source: managedPolicyPage('AWSLambdaBasicExecutionRole'),
  },
  AWSLambdaVPCAccessExecutionRole: {
    noEvidence: 'Lambda itself creates the function’s network interfaces and sends its logs, outside the function’s VPC',
    source: managedPolicyPage('AWSLambdaVPCAccessExecutionRole'),
  },
  AmazonECSTaskExecutionRolePolicy: {
    noEvidence: 'its ECR and CloudWatch Logs permissions are used only when the task definition pulls from ECR or logs with awslogs, which the task definition itself shows',
    source: managedPolicyPage('AmazonECSTaskExecutionRolePolicy'),
  },
};

export interface ActionEntry {
  /** The endpoint service of the IAM service prefix. */
  readonly service: string;
  readonly endpointKind?: EndpointKind;
}

/**
 * IAM service prefixes (`secretsmanager:GetSecretValue` → `secretsmanager`) and the endpoint service
 * each is called through. The prefixes are from the Service Authorization Reference; the endpoint
 * names from the PrivateLink list of AWS services, which also says which services have gateway endpoints.
 */
export const ACTION_PREFIXES: Readonly<Record<string, ActionEntry>> = {
  s3: { service: 's3', endpointKind: 'either' },
  dynamodb: { service: 'dynamodb', endpointKind: 'either' },
  sqs: { service: 'sqs' },
  sns: { service: 'sns' },
  logs: { service: 'logs' },
  kms: { service: 'kms' },
  secretsmanager: { service: 'secretsmanager' },
  ssm: { service: 'ssm' },
  ssmmessages: { service: 'ssmmessages' },
  ec2messages: { service: 'ec2messages' },
  sts: { service: 'sts' },
  ecr: { service: 'ecr.api' },
  ecs: { service: 'ecs' },
  ec2: { service: 'ec2' },
  eks: { service: 'eks' },
  elasticloadbalancing: { service: 'elasticloadbalancing' },
  autoscaling: { service: 'autoscaling' },
  lambda: { service: 'lambda' },
  states: { service: 'states' },
  events: { service: 'events' },
  kinesis: { service: 'kinesis-streams' },
  firehose: { service: 'kinesis-firehose' },
  'execute-api': { service: 'execute-api' },
  cloudwatch: { service: 'monitoring' },
  xray: { service: 'xray' },
  athena: { service: 'athena' },
  glue: { service: 'glue' },
  sagemaker: { service: 'sagemaker.api' },
  bedrock: { service: 'bedrock' },
  codecommit: { service: 'codecommit' },
  codebuild: { service: 'codebuild' },
  codepipeline: { service: 'codepipeline' },
  codeartifact: { service: 'codeartifact.api' },
  cloudformation: { service: 'cloudformation' },
  'rds-data': { service: 'rds-data' },
  elasticfilesystem: { service: 'elasticfilesystem' },
  appconfig: { service: 'appconfig' },
  textract: { service: 'textract' },
  comprehend: { service: 'comprehend' },
  rekognition: { service: 'rekognition' },
  translate: { service: 'translate' },
  polly: { service: 'polly' },
  acm: { service: 'acm' },
  'acm-pca': { service: 'acm-pca' },
  ses: { service: 'email' },
};

/**
 * Source of the action and ARN tables; which services have endpoints is from
 * https://docs.aws.amazon.com/vpc/latest/privatelink/aws-services-privatelink-support.html.
 */
export const ACTIONS_SOURCE = 'https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html';

/**
 * Actions that call another endpoint than their prefix's, matched before the prefix: image pulls go
 * to `ecr.dkr` and S3 as well as `ecr.api`, model invocations to the runtime endpoints, Git over
 * HTTPS to `git-codecommit`.
 */
export const ACTION_OVERRIDES: readonly { readonly action: string; readonly grants: Grants }[] = [
  { action: 'ecr:BatchGetImage', grants: { sets: ['ecr'] } },
  { action: 'ecr:GetDownloadUrlForLayer', grants: { sets: ['ecr'] } },
  { action: 'sagemaker:InvokeEndpoint', grants: { services: [{ service: 'sagemaker.runtime' }] } },
  { action: 'bedrock:InvokeModel', grants: { services: [{ service: 'bedrock-runtime' }] } },
  { action: 'bedrock:InvokeModelWithResponseStream', grants: { services: [{ service: 'bedrock-runtime' }] } },
  { action: 'bedrock:Converse', grants: { services: [{ service: 'bedrock-runtime' }] } },
  { action: 'codecommit:GitPull', grants: { services: [{ service: 'git-codecommit' }] } },
  { action: 'codecommit:GitPush', grants: { services: [{ service: 'git-codecommit' }] } },
];

/**
 * Actions a Lambda function's role grants for the Lambda service's own use (logs, network
 * interfaces): Lambda makes those calls outside the function's VPC, so they show no need
 * (https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html).
 */
export const LAMBDA_SERVICE_ACTIONS: readonly string[] = [
  'logs:CreateLogGroup',
  'logs:CreateLogStream',
  'logs:PutLogEvents',
  'ec2:CreateNetworkInterface',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DeleteNetworkInterface',
  'ec2:AssignPrivateIpAddresses',
  'ec2:UnassignPrivateIpAddresses',
  'ec2:DescribeSubnets',
  'ec2:DescribeSecurityGroups',
  'ec2:DescribeVpcs',
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
];

/**
 * Actions a CodeBuild project's service role grants so that CodeBuild can put the build's network
 * interface in the VPC: CodeBuild makes those calls itself, outside the VPC, so they show no need
 * (https://docs.aws.amazon.com/codebuild/latest/userguide/auth-and-access-control-iam-identity-based-access-control.html).
 */
export const CODEBUILD_SERVICE_ACTIONS: readonly string[] = [
  'ec2:CreateNetworkInterface',
  'ec2:CreateNetworkInterfacePermission',
  'ec2:DescribeDhcpOptions',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DeleteNetworkInterface',
  'ec2:DescribeSubnets',
  'ec2:DescribeSecurityGroups',
  'ec2:DescribeVpcs',
];

export const SAM_POLICY_TEMPLATES_SOURCE = 'https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/serverless-policy-template-list.html';

/** AWS SAM policy templates (`Policies: [{ SQSPollerPolicy: { QueueName: … } }]`) and the services they grant. */
export const SAM_POLICY_TEMPLATES: Readonly<Record<string, string>> = {
  SQSPollerPolicy: 'sqs',
  SQSSendMessagePolicy: 'sqs',
  LambdaInvokePolicy: 'lambda',
  CloudWatchPutMetricPolicy: 'monitoring',
  CloudWatchDescribeAlarmHistoryPolicy: 'monitoring',
  CloudWatchDashboardPolicy: 'monitoring',
  EC2DescribePolicy: 'ec2',
  EC2CopyImagePolicy: 'ec2',
  AMIDescribePolicy: 'ec2',
  DynamoDBCrudPolicy: 'dynamodb',
  DynamoDBReadPolicy: 'dynamodb',
  DynamoDBWritePolicy: 'dynamodb',
  DynamoDBReconfigurePolicy: 'dynamodb',
  DynamoDBRestoreFromBackupPolicy: 'dynamodb',
  DynamoDBBackupFullAccessPolicy: 'dynamodb',
  S3ReadPolicy: 's3',
  S3WritePolicy: 's3',
  S3CrudPolicy: 's3',
  S3FullAccessPolicy: 's3',
  SNSCrudPolicy: 'sns',
  SNSPublishMessagePolicy: 'sns',
  KinesisStreamReadPolicy: 'kinesis-streams',
  KinesisCrudPolicy: 'kinesis-streams',
  FirehoseWritePolicy: 'kinesis-firehose',
  FirehoseCrudPolicy: 'kinesis-firehose',
  KMSDecryptPolicy: 'kms',
  KMSEncryptPolicy: 'kms',
  StepFunctionsExecutionPolicy: 'states',
  CodeCommitCrudPolicy: 'codecommit',
  CodeCommitReadPolicy: 'codecommit',
  CodePipelineLambdaExecutionPolicy: 'codepipeline',
  CodePipelineReadOnlyPolicy: 'codepipeline',
  AthenaQueryPolicy: 'athena',
  SSMParameterReadPolicy: 'ssm',
  SSMParameterWithSlashPrefixReadPolicy: 'ssm',
  AWSSecretsManagerGetSecretValuePolicy: 'secretsmanager',
  AWSSecretsManagerRotationPolicy: 'secretsmanager',
  EventBridgePutEventsPolicy: 'events',
  CloudFormationDescribeStacksPolicy: 'cloudformation',
  EKSDescribePolicy: 'eks',
  FilterLogEventsPolicy: 'logs',
  TextractPolicy: 'textract',
  TextractDetectAnalyzePolicy: 'textract',
  TextractGetResultPolicy: 'textract',
  ComprehendBasicAccessPolicy: 'comprehend',
  RekognitionDetectOnlyPolicy: 'rekognition',
  RekognitionLabelsPolicy: 'rekognition',
  RekognitionNoDataAccessPolicy: 'rekognition',
  RekognitionReadPolicy: 'rekognition',
  RekognitionWriteOnlyAccessPolicy: 'rekognition',
  RekognitionFacesManagementPolicy: 'rekognition',
  RekognitionFacesPolicy: 'rekognition',
  PollyFullAccessPolicy: 'polly',
  SageMakerCreateEndpointPolicy: 'sagemaker.api',
  SageMakerCreateEndpointConfigPolicy: 'sagemaker.api',
  AcmGetCertificatePolicy: 'acm',
};

export const LAMBDA_ENVIRONMENT_SOURCE = 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html#vpc-internet';

/** Resource types whose name, ARN or URL in an environment variable shows that the function calls their service. */
export const RESOURCE_TYPE_SERVICES: Readonly<Record<string, { readonly service: string; readonly label: string }>> = {
  'AWS::SQS::Queue': { service: 'sqs', label: 'queue' },
  'AWS::SNS::Topic': { service: 'sns', label: 'topic' },
  'AWS::DynamoDB::Table': { service: 'dynamodb', label: 'table' },
  'AWS::DynamoDB::GlobalTable': { service: 'dynamodb', label: 'table' },
  'AWS::Serverless::SimpleTable': { service: 'dynamodb', label: 'table' },
  'AWS::S3::Bucket': { service: 's3', label: 'bucket' },
  'AWS::SecretsManager::Secret': { service: 'secretsmanager', label: 'secret' },
  'AWS::SSM::Parameter': { service: 'ssm', label: 'parameter' },
  'AWS::KMS::Key': { service: 'kms', label: 'key' },
  'AWS::KMS::Alias': { service: 'kms', label: 'key alias' },
  'AWS::Kinesis::Stream': { service: 'kinesis-streams', label: 'stream' },
  'AWS::KinesisFirehose::DeliveryStream': { service: 'kinesis-firehose', label: 'delivery stream' },
  'AWS::StepFunctions::StateMachine': { service: 'states', label: 'state machine' },
  'AWS::Serverless::StateMachine': { service: 'states', label: 'state machine' },
  'AWS::Events::EventBus': { service: 'events', label: 'event bus' },
  'AWS::Lambda::Function': { service: 'lambda', label: 'function' },
  'AWS::Serverless::Function': { service: 'lambda', label: 'function' },
};

/** The service part of an ARN (`arn:aws:secretsmanager:…`) and the endpoint it is called through. */
export const ARN_SERVICES: Readonly<Record<string, string>> = {
  secretsmanager: 'secretsmanager',
  ssm: 'ssm',
  sqs: 'sqs',
  sns: 'sns',
  dynamodb: 'dynamodb',
  s3: 's3',
  kms: 'kms',
  kinesis: 'kinesis-streams',
  firehose: 'kinesis-firehose',
  states: 'states',
  lambda: 'lambda',
  events: 'events',
};

export const ECS_ENVIRONMENT_SOURCE = 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/taskdef-envfiles.html';
export const ECS_SECRETS_SOURCE = 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/specifying-sensitive-data.html';
export const ECS_AWSLOGS_SOURCE = 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html';
export const ECS_CONTAINER_INSTANCE_SOURCE = 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/launch_container_instance.html';
export const EKS_NODES_SOURCE = EKS_PRIVATE;
