/**
 * What a workload evidently needs, from the knowledge base: the services its IAM permissions grant
 * (`iam-grants.ts`), what its ECS task definitions show (an image in ECR, the `awslogs` driver,
 * secrets from Secrets Manager or Parameter Store, ECS Exec), what its launch configuration shows
 * (an ECS container instance, an EKS node), and the AWS resources the environment of a function or an ECS container names.
 * Each need keeps its evidence and the documentation page behind it; what the template cannot decide
 * is listed as unknown, never guessed.
 */
import { listOf, resourceOf, type NetworkModel, type Workload, type WorkloadKind } from '../../model';
import { scalarText, valueOf, type Node } from '../../syntax';
import { evaluate, isPresent, literalBoolean, literalString, symbolicString, type Scenario, type Value } from '../../template';
import { GATEWAY_SERVICES } from '../service-names';
import { grantsOfWorkload, type IamGrant } from './iam-grants';
import {
  ACTION_OVERRIDES,
  ACTION_PREFIXES,
  ACTIONS_SOURCE,
  ARN_SERVICES,
  ECS_AWSLOGS_SOURCE,
  ECS_CONTAINER_INSTANCE_SOURCE,
  ECS_ENVIRONMENT_SOURCE,
  ECS_SECRETS_SOURCE,
  EKS_NODES_SOURCE,
  endpointSet,
  LAMBDA_ENVIRONMENT_SOURCE,
  CODEBUILD_SERVICE_ACTIONS,
  LAMBDA_SERVICE_ACTIONS,
  MANAGED_POLICIES,
  RESOURCE_TYPE_SERVICES,
  SAM_POLICY_TEMPLATES,
  SAM_POLICY_TEMPLATES_SOURCE,
  type EndpointKind,
  type EndpointSetId,
  type Grants,
  type NeedLevel,
} from './service-knowledge';

/** Why the knowledge base says a workload needs a service. */
export interface Evidence {
  /** In the user's terms: `role "AppRole" has the AmazonSSMManagedInstanceCore policy`. */
  readonly text: string;
  /** The resource that shows it. */
  readonly file: string;
  readonly logicalId: string;
  /** The AWS documentation page of the knowledge entry. */
  readonly source: string;
}

export interface Need {
  /** The endpoint service (`ssm`, `ecr.dkr`, `s3`). */
  readonly service: string;
  readonly level: NeedLevel;
  readonly endpointKind: EndpointKind;
  /** The endpoint sets the need comes from. */
  readonly sets: readonly EndpointSetId[];
  readonly evidence: readonly Evidence[];
}

/** Something that may show a need but that the template does not decide. */
export interface UnknownNeed {
  readonly reason: string;
  readonly file: string;
  readonly logicalId: string;
}

export interface NeedsOf {
  /** In the order first found. */
  readonly needs: readonly Need[];
  readonly unknown: readonly UnknownNeed[];
}

/** The service part of an ARN, with the partition written literally or as `${AWS::Partition}`. */
const ARN = /^arn:(?:\$\{AWS::Partition\}|[a-z-]*):([a-z0-9-]+):/;

/** Workload kinds that run the SSM agent, for which the SSM managed policies mean Session Manager. */
const AGENT_HOSTS: ReadonlySet<WorkloadKind> = new Set(['instance', 'autoScalingGroup', 'eksNodegroup', 'batchComputeEnvironment']);

/** What `workload` needs in the scenario, from everything the knowledge base reads. */
export function needsOf(model: NetworkModel, workload: Workload, scenario: Scenario): NeedsOf {
  // Rules ask for the needs of every workload of a VPC, often several times in one scenario: compute
  // them once per model, scenario and workload (a scenario's answers never change while it runs).
  let byScenario = NEEDS_CACHE.get(model);
  if (!byScenario) NEEDS_CACHE.set(model, (byScenario = new WeakMap()));
  let byWorkload = byScenario.get(scenario);
  if (!byWorkload) byScenario.set(scenario, (byWorkload = new Map()));
  const cached = byWorkload.get(workload);
  if (cached) return cached;
  const needs = computeNeeds(model, workload, scenario);
  byWorkload.set(workload, needs);
  return needs;
}

const NEEDS_CACHE = new WeakMap<NetworkModel, WeakMap<Scenario, Map<Workload, NeedsOf>>>();

function computeNeeds(model: NetworkModel, workload: Workload, scenario: Scenario): NeedsOf {
  const collector = new NeedCollector();
  // An EKS cluster's role is the service role the EKS control plane uses outside the VPC.
  if (workload.workloadKind !== 'eksCluster') for (const grant of grantsOfWorkload(model, workload, scenario)) addGrant(collector, workload, grant);
  addTaskDefinitions(model, workload, scenario, collector);
  addEcsService(workload, scenario, collector);
  addContainerInstance(model, workload, scenario, collector);
  addEks(workload, collector);
  if (workload.workloadKind === 'lambdaFunction') addEnvironment(model, workload, scenario, collector);
  return collector.result();
}

/** Accumulates needs by service, merging levels, endpoint kinds, sets and evidence. */
class NeedCollector {
  private readonly byService = new Map<string, { level: NeedLevel; endpointKind: EndpointKind; sets: Set<EndpointSetId>; evidence: Evidence[] }>();
  private readonly unknown: UnknownNeed[] = [];

  service(service: string, level: NeedLevel, endpointKind: EndpointKind, evidence: Evidence, set?: EndpointSetId): void {
    const current = this.byService.get(service);
    if (!current) {
      this.byService.set(service, { level, endpointKind, sets: new Set(set ? [set] : []), evidence: [evidence] });
      return;
    }
    // A hint does not narrow the endpoint kind of a need something else shows to be required.
    if (level === current.level) current.endpointKind = mergeKinds(current.endpointKind, endpointKind);
    else if (level === 'required') {
      current.level = 'required';
      current.endpointKind = endpointKind;
    }
    if (set) current.sets.add(set);
    if (!current.evidence.some((known) => known.text === evidence.text)) current.evidence.push(evidence);
  }

  set(id: EndpointSetId, evidence: Evidence): void {
    for (const member of endpointSet(id).members) {
      if (member.level === 'when-needed') continue;
      this.service(member.service, member.level, member.endpointKind, { ...evidence, source: evidence.source }, id);
    }
  }

  grants(grants: Grants, evidence: Evidence, sets = true): void {
    if (sets) for (const id of grants.sets ?? []) this.set(id, evidence);
    for (const entry of grants.services ?? []) this.service(entry.service, 'required', entry.endpointKind ?? defaultKind(entry.service), evidence);
  }

  addUnknown(reason: string, file: string, logicalId: string): void {
    if (!this.unknown.some((known) => known.reason === reason)) this.unknown.push({ reason, file, logicalId });
  }

  result(): NeedsOf {
    return {
      needs: [...this.byService].map(([service, need]) => ({ service, level: need.level, endpointKind: need.endpointKind, sets: [...need.sets], evidence: need.evidence })),
      unknown: this.unknown,
    };
  }
}

/** S3 and DynamoDB have gateway and interface endpoints; every other service an interface endpoint. */
function defaultKind(service: string): EndpointKind {
  return GATEWAY_SERVICES.has(service) ? 'either' : 'interface';
}

/** A need only a gateway endpoint serves (ECR layers) stays so when another evidence accepts either kind. */
function mergeKinds(a: EndpointKind, b: EndpointKind): EndpointKind {
  if (a === b) return a;
  if (a === 'gateway' || b === 'gateway') return 'gateway';
  return 'either';
}

function addGrant(collector: NeedCollector, workload: Workload, grant: IamGrant): void {
  const holder = grant.holder;
  if (grant.kind === 'unknown') {
    collector.addUnknown(grant.reason, holder.file, holder.resource.logicalId);
    return;
  }
  const at = (text: string, source: string): Evidence => ({ text, file: holder.file, logicalId: holder.resource.logicalId, source });
  const agentHost = AGENT_HOSTS.has(workload.workloadKind);
  switch (grant.kind) {
    case 'managedPolicy': {
      const entry = MANAGED_POLICIES[grant.name];
      if (!entry || entry.noEvidence !== undefined) return;
      collector.grants(entry, at(`${grant.via} has the ${grant.name} policy`, entry.source), !entry.agentHostsOnly || agentHost);
      return;
    }
    case 'samTemplate': {
      const service = SAM_POLICY_TEMPLATES[grant.name];
      if (service) collector.service(service, 'required', defaultKind(service), at(`${grant.via} has the ${grant.name} policy template`, SAM_POLICY_TEMPLATES_SOURCE));
      return;
    }
    case 'action':
      addAction(collector, workload, grant.action, at(`${grant.via} allows ${grant.action}`, ACTIONS_SOURCE), agentHost);
      return;
  }
}

function addAction(collector: NeedCollector, workload: Workload, action: string, evidence: Evidence, agentHost: boolean): void {
  const colon = action.indexOf(':');
  if (colon <= 0) return;
  const prefix = action.slice(0, colon).toLowerCase();
  const pattern = actionPattern(action);
  // `*` on its own, or on a whole prefix pattern such as `*:*`, allows everything and shows nothing.
  if (prefix.includes('*')) return;
  const serviceActions = SERVICE_ACTIONS[workload.workloadKind];
  if (serviceActions?.some((serviceAction) => pattern.test(serviceAction))) return;
  if (agentHost && (prefix === 'ssmmessages' || prefix === 'ec2messages')) {
    collector.set('session-manager', evidence);
    return;
  }
  const override = ACTION_OVERRIDES.find((entry) => pattern.test(entry.action));
  if (override) collector.grants(override.grants, evidence);
  const entry = ACTION_PREFIXES[prefix];
  if (entry) collector.service(entry.service, 'required', entry.endpointKind ?? 'interface', evidence);
}

/** Actions a workload's role grants for the AWS service that runs it, which it calls outside the VPC. */
const SERVICE_ACTIONS: Partial<Record<Workload['workloadKind'], readonly string[]>> = {
  lambdaFunction: LAMBDA_SERVICE_ACTIONS,
  codeBuildProject: CODEBUILD_SERVICE_ACTIONS,
};

/** An IAM action with wildcards as a case-insensitive regular expression. */
function actionPattern(action: string): RegExp {
  const escaped = action.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, 'i');
}

/** The container definitions of the task definitions that are part of the workload. */
function addTaskDefinitions(model: NetworkModel, workload: Workload, scenario: Scenario, collector: NeedCollector): void {
  for (const part of workload.parts) {
    const input = model.templates.get(part.file);
    const task = input?.template.resources.get(part.logicalId);
    if (!input || task?.type !== 'AWS::ECS::TaskDefinition') continue;
    const definitions = valueOf(task.properties, 'ContainerDefinitions');
    const list = listOf(definitions ? { node: definitions, env: input.env } : undefined, scenario);
    const unknown = (reason: string): void => collector.addUnknown(reason, part.file, part.logicalId);
    if (list.unknownReason !== undefined) unknown(`the containers of task definition "${part.logicalId}" are unknown: ${list.unknownReason}`);
    for (const item of list.items) {
      if (item.value.kind !== 'map') continue;
      const container = item.value.entries;
      const name = literalString(container.get('Name') ?? { kind: 'null' }) ?? 'a container';
      const label = name === 'a container' ? `a container of task definition "${part.logicalId}"` : `container "${name}" of task definition "${part.logicalId}"`;
      const at = (text: string, source: string): Evidence => ({ text, file: part.file, logicalId: part.logicalId, source });
      const image = container.get('Image');
      if (image) {
        const registry = imageRegistry(model, part.file, image);
        if (registry === 'unknown') unknown(`the image of ${label} is unknown${image.kind === 'unknown' ? `: ${image.reason}` : ''}`);
        else if (registry === 'ecr') collector.set('ecr', at(`${label} runs an image from ECR`, endpointSet('ecr').source));
      }
      const logging = container.get('LogConfiguration');
      const driver = logging?.kind === 'map' ? logging.entries.get('LogDriver') : undefined;
      if (driver) {
        const text = literalString(driver);
        if (text === undefined) unknown(`the log driver of ${label} is unknown`);
        else if (text === 'awslogs') collector.service('logs', 'required', 'interface', at(`${label} logs with the awslogs driver`, ECS_AWSLOGS_SOURCE));
      }
      const secrets = container.get('Secrets');
      for (const secret of secrets?.kind === 'list' ? secrets.items : []) {
        const from = secret.kind === 'map' ? secret.entries.get('ValueFrom') : undefined;
        if (!from) continue;
        const service = secretService(model, from);
        if (service === 'unknown') unknown(`a secret of ${label} comes from a source that is unknown`);
        else if (service) collector.service(service, 'required', 'interface', at(`${label} reads a secret from ${service === 'ssm' ? 'Parameter Store' : 'Secrets Manager'}`, ECS_SECRETS_SOURCE));
      }
      const credentials = container.get('RepositoryCredentials');
      if (credentials?.kind === 'map' && credentials.entries.has('CredentialsParameter')) {
        collector.service('secretsmanager', 'required', 'interface', at(`${label} reads registry credentials from Secrets Manager`, ECS_SECRETS_SOURCE));
      }
      const files = container.get('EnvironmentFiles');
      if (files?.kind === 'list' && files.items.length > 0) collector.service('s3', 'required', 'either', at(`${label} reads environment files from S3`, ECS_SECRETS_SOURCE));
      const environment = container.get('Environment');
      for (const variable of environment?.kind === 'list' ? environment.items : []) {
        if (variable.kind !== 'map') continue;
        const value = variable.entries.get('Value');
        if (!value) continue;
        const variableName = literalString(variable.entries.get('Name') ?? { kind: 'null' }) ?? 'a variable';
        addNamedResource(model, part.file, value, scenario, collector, (text) => at(`environment variable ${variableName} of ${label} ${text}`, ECS_ENVIRONMENT_SOURCE));
      }
    }
  }
}

/**
 * The service an evaluated value names, as a container's environment passes it: a queue, table,
 * topic… of the template by `Ref`, `Fn::GetAtt` or a `${Resource.Attribute}` of `Fn::Sub`, or the
 * ARN or queue URL of one.
 */
function addNamedResource(model: NetworkModel, file: string, value: Value, scenario: Scenario, collector: NeedCollector, at: (text: string) => Evidence): void {
  if (value.kind === 'ref' || value.kind === 'getAtt') {
    addResourceService(collector, resourceOf(model, value), value.target.file, value.target.logicalId, scenario, at);
    return;
  }
  if (value.kind !== 'string') return;
  const template = model.templates.get(file)?.template;
  for (const symbol of value.symbols ?? []) {
    const logicalId = symbol.split('.')[0] ?? '';
    addResourceService(collector, template?.resources.get(logicalId), file, logicalId, scenario, at);
  }
  addArnService(collector, value.value, at);
}

/** The service of a queue, table, topic… an environment names, when it exists in the scenario. */
function addResourceService(collector: NeedCollector, resource: { readonly type?: string; readonly condition?: string } | undefined, file: string, logicalId: string, scenario: Scenario, at: (text: string) => Evidence): void {
  const entry = resource?.type ? RESOURCE_TYPE_SERVICES[resource.type] : undefined;
  if (entry && isPresent(scenario, file, resource?.condition)) collector.service(entry.service, 'required', defaultKind(entry.service), at(`names ${entry.label} "${logicalId}"`));
}

/** The service of an ARN or an SQS queue URL an environment holds. */
function addArnService(collector: NeedCollector, text: string, at: (text: string) => Evidence): void {
  const arn = ARN.exec(text);
  const service = arn?.[1] ? ARN_SERVICES[arn[1]] : /^https:\/\/sqs\./.test(text) ? 'sqs' : undefined;
  if (service) collector.service(service, 'required', defaultKind(service), at(`holds the ARN or URL of a ${service} resource`));
}

/** Where an image comes from: ECR, elsewhere (`other`), or `unknown`. */
function imageRegistry(model: NetworkModel, file: string, image: Value): 'ecr' | 'other' | 'unknown' {
  if (image.kind === 'getAtt') return isRepositoryUri(model, file, `${image.target.logicalId}.${image.attribute}`) ? 'ecr' : 'unknown';
  const text = symbolicString(image);
  if (text === undefined) return 'unknown';
  if (/^[^/]*\.dkr\.ecr\.[^/]*\//.test(text)) return 'ecr';
  // `!Sub ${Repository.RepositoryUri}:latest` names an ECR repository of the template.
  const symbols = image.kind === 'string' ? (image.symbols ?? []) : [];
  if (symbols.some((symbol) => text.startsWith(`\${${symbol}}`) && isRepositoryUri(model, file, symbol))) return 'ecr';
  return 'other';
}

/** Whether `Logical.Attribute` is the `RepositoryUri` of an ECR repository of the file. */
function isRepositoryUri(model: NetworkModel, file: string, symbol: string): boolean {
  const [logicalId, attribute] = symbol.split('.');
  const resource = model.templates.get(file)?.template.resources.get(logicalId ?? '');
  return resource?.type === 'AWS::ECR::Repository' && attribute === 'RepositoryUri';
}

/** The service a task definition secret is read from; undefined when it is neither. */
function secretService(model: NetworkModel, from: Value): 'secretsmanager' | 'ssm' | 'unknown' | undefined {
  const resource = resourceOf(model, from);
  if (resource?.type === 'AWS::SecretsManager::Secret') return 'secretsmanager';
  if (resource?.type === 'AWS::SSM::Parameter') return 'ssm';
  if (resource) return 'unknown';
  const text = symbolicString(from);
  if (text === undefined) return 'unknown';
  const arn = ARN.exec(text);
  if (arn) return arn[1] === 'secretsmanager' ? 'secretsmanager' : arn[1] === 'ssm' ? 'ssm' : undefined;
  // A name without an ARN is a parameter of Parameter Store in the task's region.
  return 'ssm';
}

/** ECS Exec on a service: its tasks open Session Manager channels. */
function addEcsService(workload: Workload, scenario: Scenario, collector: NeedCollector): void {
  if (workload.resource.type !== 'AWS::ECS::Service') return;
  const node = valueOf(workload.resource.properties, 'EnableExecuteCommand');
  if (!node) return;
  const enabled = literalBoolean(evaluate(node, workload.env, scenario));
  if (enabled === undefined) collector.addUnknown(`whether service "${workload.logicalId}" enables ECS Exec is unknown`, workload.file, workload.logicalId);
  else if (enabled) collector.set('ecs-exec', { text: `service "${workload.logicalId}" enables ECS Exec`, file: workload.file, logicalId: workload.logicalId, source: endpointSet('ecs-exec').source });
}

/**
 * Instances that run the ECS container agent or join an EKS cluster, from their user data (the
 * `ECS_CLUSTER` setting, the EKS bootstrap script), their AMI (the ECS- or EKS-optimized AMI
 * parameters) or an ECS capacity provider that names their Auto Scaling group; and Batch compute
 * environments of EC2 instances, which are ECS container instances.
 */
function addContainerInstance(model: NetworkModel, workload: Workload, scenario: Scenario, collector: NeedCollector): void {
  const evidence = (text: string, source: string): Evidence => ({ text, file: workload.file, logicalId: workload.logicalId, source });
  if (workload.workloadKind === 'batchComputeEnvironment') {
    const type = literalString(evaluate(valueOf(valueOf(workload.resource.properties, 'ComputeResources'), 'Type'), workload.env, scenario));
    if (type === 'EC2' || type === 'SPOT') collector.set('ecs-ec2', evidence(`Batch compute environment "${workload.logicalId}" runs ECS container instances`, ECS_CONTAINER_INSTANCE_SOURCE));
    return;
  }
  if (workload.workloadKind !== 'instance' && workload.workloadKind !== 'autoScalingGroup') return;
  const configurations = [{ node: workload.resource.properties, file: workload.file, data: false }];
  for (const part of workload.parts) {
    const resource = model.templates.get(part.file)?.template.resources.get(part.logicalId);
    if (resource?.type === 'AWS::EC2::LaunchTemplate') configurations.push({ node: valueOf(resource.properties, 'LaunchTemplateData') as never, file: part.file, data: true });
    if (resource?.type === 'AWS::AutoScaling::LaunchConfiguration') configurations.push({ node: resource.properties, file: part.file, data: false });
  }
  let ecs: string | undefined;
  let eks: string | undefined;
  for (const configuration of configurations) {
    const userData = textsOf(valueOf(configuration.node, 'UserData'));
    const image = [...textsOf(valueOf(configuration.node, 'ImageId')), ...parameterDefaults(model, configuration.file, valueOf(configuration.node, 'ImageId'))];
    if (userData.some((text) => text.includes('ECS_CLUSTER') || text.includes('/etc/ecs/ecs.config'))) ecs ??= 'its user data sets ECS_CLUSTER';
    if (image.some((text) => text.includes('/aws/service/ecs/optimized-ami'))) ecs ??= 'it runs the ECS-optimized AMI';
    if (userData.some((text) => text.includes('/etc/eks/bootstrap.sh') || text.includes('nodeadm'))) eks ??= 'its user data joins an EKS cluster';
    if (image.some((text) => text.includes('/aws/service/eks/optimized-ami'))) eks ??= 'it runs the EKS-optimized AMI';
  }
  if (ecs === undefined && workload.workloadKind === 'autoScalingGroup' && capacityProviderNames(model, workload, scenario)) ecs = 'an ECS capacity provider uses it';
  if (ecs !== undefined) collector.set('ecs-ec2', evidence(`"${workload.logicalId}" is an ECS container instance: ${ecs}`, ECS_CONTAINER_INSTANCE_SOURCE));
  if (eks !== undefined) collector.set('eks', evidence(`"${workload.logicalId}" is an EKS node: ${eks}`, EKS_NODES_SOURCE));
}

/** Whether an `AWS::ECS::CapacityProvider` names the Auto Scaling group. */
function capacityProviderNames(model: NetworkModel, workload: Workload, scenario: Scenario): boolean {
  for (const [file, input] of model.templates) {
    for (const resource of input.template.resources.values()) {
      if (resource.type !== 'AWS::ECS::CapacityProvider' || !isPresent(scenario, file, resource.condition)) continue;
      const arn = valueOf(valueOf(resource.properties, 'AutoScalingGroupProvider'), 'AutoScalingGroupArn');
      const value = arn ? evaluate(arn, input.env, scenario) : undefined;
      if (value?.kind === 'ref' && value.target.file === workload.file && value.target.logicalId === workload.logicalId) return true;
    }
  }
  return false;
}

/** Every scalar text below a node: user data is read as text, whatever intrinsics build it. */
function textsOf(node: Node | undefined): string[] {
  if (!node) return [];
  if (node.kind === 'scalar') return typeof node.value === 'string' ? [node.value] : [];
  if (node.kind === 'seq') return node.items.flatMap(textsOf);
  return node.pairs.flatMap((pair) => textsOf(pair.value));
}

/** The defaults of the parameters a node refers to with `Ref` (an AMI from an SSM parameter path). */
function parameterDefaults(model: NetworkModel, file: string, node: Node | undefined): string[] {
  const template = model.templates.get(file)?.template;
  if (!template || !node) return [];
  const names = referencedNames(node);
  return names.flatMap((name) => textsOf(template.parameters.get(name)?.defaultNode));
}

/** The logical ids and parameter names a node refers to: `Ref`, `Fn::GetAtt` and `Fn::Sub` placeholders. */
function referencedNames(node: Node): string[] {
  const names: string[] = [];
  const visit = (current: Node): void => {
    if (current.kind === 'seq') return current.items.forEach(visit);
    if (current.kind === 'scalar') return;
    for (const pair of current.pairs) {
      const key = String(pair.key.value);
      if (key === 'Ref') {
        const name = scalarText(pair.value);
        if (name) names.push(name);
      } else if (key === 'Fn::GetAtt') {
        const target = pair.value.kind === 'seq' ? scalarText(pair.value.items[0]) : scalarText(pair.value)?.split('.')[0];
        if (target) names.push(target);
      } else if (key === 'Fn::Sub') {
        const text = pair.value.kind === 'seq' ? scalarText(pair.value.items[0]) : scalarText(pair.value);
        for (const match of (text ?? '').matchAll(/\$\{([^!}][^}]*)\}/g)) names.push((match[1] ?? '').split('.')[0] ?? '');
        if (pair.value.kind === 'seq' && pair.value.items[1]) visit(pair.value.items[1]);
        continue;
      }
      visit(pair.value);
    }
  };
  visit(node);
  return names.filter((name) => name !== '' && !name.startsWith('AWS::'));
}

/** EKS managed node groups: the EKS set, whose members the catalogue lists as hints. */
function addEks(workload: Workload, collector: NeedCollector): void {
  if (workload.workloadKind !== 'eksNodegroup') return;
  collector.set('eks', { text: `"${workload.logicalId}" is an EKS managed node group`, file: workload.file, logicalId: workload.logicalId, source: EKS_NODES_SOURCE });
}

/** The AWS resources a function's environment variables name: a queue, a table, a secret ARN… */
function addEnvironment(model: NetworkModel, workload: Workload, scenario: Scenario, collector: NeedCollector): void {
  const template = model.templates.get(workload.file)?.template;
  if (!template) return;
  const own = valueOf(valueOf(workload.resource.properties, 'Environment'), 'Variables');
  const globals = workload.resource.type === 'AWS::Serverless::Function' ? valueOf(valueOf(valueOf(template.globals, 'Function'), 'Environment'), 'Variables') : undefined;
  for (const variables of [own, globals]) {
    if (variables?.kind !== 'map') continue;
    for (const pair of variables.pairs) {
      const name = String(pair.key.value);
      const at = (text: string): Evidence => ({ text: `environment variable ${name} of "${workload.logicalId}" ${text}`, file: workload.file, logicalId: workload.logicalId, source: LAMBDA_ENVIRONMENT_SOURCE });
      for (const logicalId of referencedNames(pair.value)) addResourceService(collector, template.resources.get(logicalId), workload.file, logicalId, scenario, at);
      const text = symbolicString(evaluate(pair.value, workload.env, scenario));
      if (text !== undefined) addArnService(collector, text, at);
    }
  }
}
