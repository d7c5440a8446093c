/**
 * Whether a workload evidently calls a service, from what the template says about it: an instance
 * profile whose role has the SSM managed policy (Systems Manager and Session Manager), an ECS task
 * whose image lives in ECR (the ECR endpoints), an ECS task that logs with `awslogs` (CloudWatch Logs).
 * The answer is a hint for severities: "no evidence" never means the workload does not call it.
 */
import { listOf, resourceOf, type NetworkModel, type NodeRef, type Workload } from '../model';
import { valueOf, type Node } from '../syntax';
import { evaluate, symbolicString, type EvalEnv, type Resource, type Scenario } from '../template';

const SSM_POLICIES = ['AmazonSSMManagedInstanceCore', 'AmazonEC2RoleforSSM', 'AmazonSSMManagedEC2InstanceDefaultPolicy'];

/** Whether the template shows that `workload` calls `service` (`ssm`, `ecr.dkr`, `logs`…). */
export function evidentlyCalls(model: NetworkModel, workload: Workload, service: string, scenario: Scenario): boolean {
  switch (service) {
    case 'ssm':
    case 'ssmmessages':
    case 'ec2messages':
      return rolesOf(model, workload, scenario).some((role) => managedPolicies(role, scenario).some((arn) => SSM_POLICIES.some((policy) => arn.endsWith(`/${policy}`))));
    case 'ecr.dkr':
    case 'ecr.api':
      return containerDefinitions(model, workload).some(({ node, env }) => (symbolicString(evaluate(valueOf(node, 'Image'), env, scenario)) ?? '').includes('.dkr.ecr.'));
    case 'logs':
      return containerDefinitions(model, workload).some(({ node, env }) => symbolicString(evaluate(valueOf(valueOf(node, 'LogConfiguration'), 'LogDriver'), env, scenario)) === 'awslogs');
    default:
      return false;
  }
}

interface RoleRef {
  readonly resource: Resource;
  readonly env: EvalEnv;
}

/** The IAM roles of a workload: its own, and those of its instance profiles. */
function rolesOf(model: NetworkModel, workload: Workload, scenario: Scenario): RoleRef[] {
  const roles: RoleRef[] = [];
  const add = (ref: NodeRef): void => {
    for (const item of listOf(ref, scenario).items) {
      const resource = resourceOf(model, item.value);
      const env = item.value.kind === 'ref' || item.value.kind === 'getAtt' ? model.templates.get(item.value.target.file)?.env : undefined;
      if (!resource || !env) continue;
      if (resource.type === 'AWS::IAM::Role') roles.push({ resource, env });
      if (resource.type === 'AWS::IAM::InstanceProfile') {
        const roleList = valueOf(resource.properties, 'Roles');
        if (roleList) add({ node: roleList, env });
      }
    }
  };
  for (const ref of [...workload.roles, ...workload.instanceProfiles]) add(ref);
  return roles;
}

function managedPolicies(role: RoleRef, scenario: Scenario): string[] {
  const list = valueOf(role.resource.properties, 'ManagedPolicyArns');
  if (!list) return [];
  return listOf({ node: list, env: role.env }, scenario)
    .items.map((item) => symbolicString(item.value))
    .filter((arn): arn is string => arn !== undefined);
}

/** The container definitions of the task definitions that are part of a workload. */
function containerDefinitions(model: NetworkModel, workload: Workload): { node: Node; env: EvalEnv }[] {
  const definitions: { node: Node; env: EvalEnv }[] = [];
  for (const part of workload.parts) {
    const env = model.templates.get(part.file)?.env;
    const resource = env?.template.resources.get(part.logicalId);
    if (!env || resource?.type !== 'AWS::ECS::TaskDefinition') continue;
    const list = valueOf(resource.properties, 'ContainerDefinitions');
    if (list?.kind === 'seq') for (const item of list.items) definitions.push({ node: item, env });
  }
  return definitions;
}
