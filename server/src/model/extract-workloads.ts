/**
 * Extraction of workloads: the resources that put network interfaces into subnets and may call AWS
 * services. EC2 instances, Auto Scaling groups with their launch templates or configurations,
 * Lambda and SAM functions (SAM `Globals` included), ECS services in `awsvpc` mode, CodeBuild
 * projects, EKS node groups and clusters, Batch compute environments, SageMaker, Glue and network
 * interfaces declared on their own.
 */
import { valueOf, type Node } from '../syntax';
import { ANY_SCENARIO, evaluate, type Resource } from '../template';
import type { EntityBase, EntityRef, ModelTemplate, NodeRef, Workload, WorkloadKind } from './network-model';
import { nodeRef } from './node-ref';

/** Finds a resource that a value refers to, in any template of the model. */
export type ResourceFinder = (ref: NodeRef) => { readonly base: EntityBase } | undefined;

/** The workloads of one template. */
export function extractWorkloads(input: ModelTemplate, baseOf: (resource: Resource) => EntityBase, find: ResourceFinder): Workload[] {
  const workloads: Workload[] = [];
  for (const resource of input.template.resources.values()) {
    const base = baseOf(resource);
    const workload = extractWorkload(base, input, find);
    if (workload) workloads.push(workload);
  }
  return workloads;
}

interface Placement {
  subnets: NodeRef[];
  securityGroups: NodeRef[];
  usesDefaultSecurityGroup: boolean | 'unknown';
  implicitSecurityGroups: boolean;
  roles: NodeRef[];
  instanceProfiles: NodeRef[];
  parts: EntityRef[];
}

function emptyPlacement(): Placement {
  return { subnets: [], securityGroups: [], usesDefaultSecurityGroup: false, implicitSecurityGroups: false, roles: [], instanceProfiles: [], parts: [] };
}

function extractWorkload(base: EntityBase, input: ModelTemplate, find: ResourceFinder): Workload | undefined {
  const properties = base.resource.properties;
  const at = (from: Node | undefined, ...path: string[]) => nodeRef(base, from, ...path);
  const push = (list: NodeRef[], ref: NodeRef | undefined) => {
    if (ref) list.push(ref);
  };
  const placement = emptyPlacement();
  let kind: WorkloadKind;
  switch (base.resource.type) {
    case 'AWS::EC2::Instance': {
      kind = 'instance';
      push(placement.subnets, at(properties, 'SubnetId'));
      push(placement.securityGroups, at(properties, 'SecurityGroupIds'));
      push(placement.securityGroups, at(properties, 'SecurityGroups'));
      addNetworkInterfaces(at(properties, 'NetworkInterfaces'), 'GroupSet', placement);
      push(placement.instanceProfiles, at(properties, 'IamInstanceProfile'));
      const launchTemplate = at(properties, 'LaunchTemplate');
      if (launchTemplate) addLaunchTemplate(launchTemplate, find, placement);
      if (placement.securityGroups.length === 0 && placement.usesDefaultSecurityGroup === false) placement.usesDefaultSecurityGroup = true;
      break;
    }
    case 'AWS::AutoScaling::AutoScalingGroup': {
      kind = 'autoScalingGroup';
      push(placement.subnets, at(properties, 'VPCZoneIdentifier'));
      const launchTemplate = at(properties, 'LaunchTemplate') ?? at(properties, 'MixedInstancesPolicy', 'LaunchTemplate', 'LaunchTemplateSpecification');
      const launchConfiguration = at(properties, 'LaunchConfigurationName');
      if (launchTemplate) addLaunchTemplate(launchTemplate, find, placement);
      else if (launchConfiguration) addLaunchConfiguration(launchConfiguration, find, placement);
      else placement.usesDefaultSecurityGroup = 'unknown';
      if (placement.securityGroups.length === 0 && placement.usesDefaultSecurityGroup === false) placement.usesDefaultSecurityGroup = true;
      break;
    }
    case 'AWS::Lambda::Function':
    case 'AWS::Serverless::Function': {
      kind = 'lambdaFunction';
      const globals = base.resource.type === 'AWS::Serverless::Function' ? valueOf(valueOf(input.template.globals, 'Function'), 'VpcConfig') : undefined;
      const vpcConfig = valueOf(properties, 'VpcConfig') ?? globals;
      push(placement.subnets, at(vpcConfig, 'SubnetIds'));
      push(placement.securityGroups, at(vpcConfig, 'SecurityGroupIds'));
      push(placement.roles, at(properties, 'Role'));
      break;
    }
    case 'AWS::ECS::Service': {
      kind = 'ecsService';
      const awsvpc = valueOf(valueOf(properties, 'NetworkConfiguration'), 'AwsvpcConfiguration');
      push(placement.subnets, at(awsvpc, 'Subnets'));
      push(placement.securityGroups, at(awsvpc, 'SecurityGroups'));
      if (awsvpc && placement.securityGroups.length === 0) placement.usesDefaultSecurityGroup = true;
      const taskDefinition = at(properties, 'TaskDefinition');
      const task = taskDefinition ? find(taskDefinition) : undefined;
      if (task) {
        placement.parts.push({ file: task.base.file, logicalId: task.base.logicalId });
        push(placement.roles, nodeRef(task.base, task.base.resource.properties, 'TaskRoleArn'));
        push(placement.roles, nodeRef(task.base, task.base.resource.properties, 'ExecutionRoleArn'));
      }
      break;
    }
    case 'AWS::CodeBuild::Project': {
      kind = 'codeBuildProject';
      const vpcConfig = valueOf(properties, 'VpcConfig');
      push(placement.subnets, at(vpcConfig, 'Subnets'));
      push(placement.securityGroups, at(vpcConfig, 'SecurityGroupIds'));
      push(placement.roles, at(properties, 'ServiceRole'));
      break;
    }
    case 'AWS::EKS::Nodegroup': {
      kind = 'eksNodegroup';
      push(placement.subnets, at(properties, 'Subnets'));
      push(placement.roles, at(properties, 'NodeRole'));
      const launchTemplate = at(properties, 'LaunchTemplate');
      if (launchTemplate) addLaunchTemplate(launchTemplate, find, placement);
      // Without security groups in a launch template, EKS gives the nodes the cluster security group.
      if (placement.securityGroups.length === 0) placement.implicitSecurityGroups = true;
      placement.usesDefaultSecurityGroup = false;
      break;
    }
    case 'AWS::EKS::Cluster': {
      kind = 'eksCluster';
      const vpcConfig = valueOf(properties, 'ResourcesVpcConfig');
      push(placement.subnets, at(vpcConfig, 'SubnetIds'));
      push(placement.securityGroups, at(vpcConfig, 'SecurityGroupIds'));
      push(placement.roles, at(properties, 'RoleArn'));
      placement.implicitSecurityGroups = true;
      break;
    }
    case 'AWS::Batch::ComputeEnvironment': {
      kind = 'batchComputeEnvironment';
      const compute = valueOf(properties, 'ComputeResources');
      push(placement.subnets, at(compute, 'Subnets'));
      push(placement.securityGroups, at(compute, 'SecurityGroupIds'));
      push(placement.instanceProfiles, at(compute, 'InstanceRole'));
      const launchTemplate = at(compute, 'LaunchTemplate');
      if (launchTemplate) addLaunchTemplate(launchTemplate, find, placement);
      break;
    }
    case 'AWS::SageMaker::NotebookInstance': {
      kind = 'sageMaker';
      push(placement.subnets, at(properties, 'SubnetId'));
      push(placement.securityGroups, at(properties, 'SecurityGroupIds'));
      push(placement.roles, at(properties, 'RoleArn'));
      if (placement.subnets.length > 0 && placement.securityGroups.length === 0) placement.usesDefaultSecurityGroup = true;
      break;
    }
    case 'AWS::SageMaker::Domain': {
      kind = 'sageMaker';
      push(placement.subnets, at(properties, 'SubnetIds'));
      push(placement.securityGroups, at(properties, 'DefaultUserSettings', 'SecurityGroups'));
      push(placement.roles, at(properties, 'DefaultUserSettings', 'ExecutionRole'));
      break;
    }
    case 'AWS::SageMaker::Model': {
      kind = 'sageMaker';
      push(placement.subnets, at(properties, 'VpcConfig', 'Subnets'));
      push(placement.securityGroups, at(properties, 'VpcConfig', 'SecurityGroupIds'));
      push(placement.roles, at(properties, 'ExecutionRoleArn'));
      break;
    }
    case 'AWS::EC2::NetworkInterface': {
      // A network interface declared on its own stands for whatever attaches to it later.
      kind = 'networkInterface';
      push(placement.subnets, at(properties, 'SubnetId'));
      push(placement.securityGroups, at(properties, 'GroupSet'));
      if (placement.securityGroups.length === 0) placement.usesDefaultSecurityGroup = true;
      break;
    }
    case 'AWS::Glue::Connection': {
      kind = 'glueConnection';
      const physical = valueOf(valueOf(properties, 'ConnectionInput'), 'PhysicalConnectionRequirements');
      push(placement.subnets, at(physical, 'SubnetId'));
      push(placement.securityGroups, at(physical, 'SecurityGroupIdList'));
      break;
    }
    default:
      return undefined;
  }
  if (placement.subnets.length === 0) return undefined;
  return { ...base, kind: 'workload', workloadKind: kind, ...placement };
}

/** `NetworkInterfaces` of an instance or launch template: their subnets and groups. */
function addNetworkInterfaces(interfaces: NodeRef | undefined, groupsKey: string, placement: Placement): void {
  if (interfaces?.node.kind !== 'seq') return;
  for (const item of interfaces.node.items) {
    const subnet = valueOf(item, 'SubnetId');
    const groups = valueOf(item, groupsKey);
    if (subnet) placement.subnets.push({ node: subnet, env: interfaces.env });
    if (groups) placement.securityGroups.push({ node: groups, env: interfaces.env });
  }
}

/** The groups, interfaces and instance profile of the launch template a workload names. */
function addLaunchTemplate(specification: NodeRef, find: ResourceFinder, placement: Placement): void {
  const id = valueOf(specification.node, 'LaunchTemplateId') ?? valueOf(specification.node, 'LaunchTemplateName');
  const launchTemplate = id ? find({ node: id, env: specification.env }) : undefined;
  if (!launchTemplate || launchTemplate.base.resource.type !== 'AWS::EC2::LaunchTemplate') {
    placement.usesDefaultSecurityGroup = 'unknown';
    return;
  }
  const base = launchTemplate.base;
  placement.parts.push({ file: base.file, logicalId: base.logicalId });
  const data = valueOf(base.resource.properties, 'LaunchTemplateData');
  const at = (...path: string[]) => nodeRef(base, data, ...path);
  const before = placement.securityGroups.length;
  for (const ref of [at('SecurityGroupIds'), at('SecurityGroups')]) if (ref) placement.securityGroups.push(ref);
  addNetworkInterfaces(at('NetworkInterfaces'), 'Groups', placement);
  const profile = at('IamInstanceProfile', 'Arn') ?? at('IamInstanceProfile', 'Name');
  if (profile) placement.instanceProfiles.push(profile);
  if (placement.securityGroups.length === before && placement.usesDefaultSecurityGroup === false) placement.usesDefaultSecurityGroup = true;
}

function addLaunchConfiguration(name: NodeRef, find: ResourceFinder, placement: Placement): void {
  const launchConfiguration = find(name);
  if (!launchConfiguration || launchConfiguration.base.resource.type !== 'AWS::AutoScaling::LaunchConfiguration') {
    placement.usesDefaultSecurityGroup = 'unknown';
    return;
  }
  const base = launchConfiguration.base;
  placement.parts.push({ file: base.file, logicalId: base.logicalId });
  const groups = nodeRef(base, base.resource.properties, 'SecurityGroups');
  if (groups) placement.securityGroups.push(groups);
  const profile = nodeRef(base, base.resource.properties, 'IamInstanceProfile');
  if (profile) placement.instanceProfiles.push(profile);
}

/** A finder over the templates of a model: follows `Ref` (and `GetAtt`) values to their resources. */
export function resourceFinder(templates: ReadonlyMap<string, ModelTemplate>, baseOf: (input: ModelTemplate, resource: Resource) => EntityBase): ResourceFinder {
  return (ref) => {
    const value = evaluate(ref.node, ref.env, ANY_SCENARIO);
    if (value.kind !== 'ref' && value.kind !== 'getAtt') return undefined;
    const input = templates.get(value.target.file);
    const resource = input?.template.resources.get(value.target.logicalId);
    return input && resource ? { base: baseOf(input, resource) } : undefined;
  };
}
