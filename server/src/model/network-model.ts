/**
 * The network model's types: VPCs, subnets, route tables and routes, network ACLs, security groups
 * and their rules, VPC endpoints, workloads, hosted zones, resolver endpoints, peerings and gateways. Each entity keeps
 * its origin (file, logical id, resource nodes) and the nodes of the properties that matter, with
 * the environment to evaluate them in; values are evaluated on demand under a scenario, so that one
 * model serves every combination of conditions.
 */
import type { Node } from '../syntax';
import type { ConditionUniverse, EvalEnv, Resource, Template } from '../template';

/** A node together with the environment its template is evaluated in. */
export interface NodeRef {
  readonly node: Node;
  readonly env: EvalEnv;
}

/** What every entity has: where it comes from, and the condition that guards it. */
export interface EntityBase {
  /** `file#logicalId`. */
  readonly id: string;
  readonly file: string;
  readonly logicalId: string;
  readonly resource: Resource;
  readonly env: EvalEnv;
  /** The resource's `Condition`, if any. */
  readonly condition: string | undefined;
}

export interface Vpc extends EntityBase {
  readonly kind: 'vpc';
  readonly cidrBlock: NodeRef | undefined;
  /** `EnableDnsSupport`; CloudFormation's default is true. */
  readonly enableDnsSupport: NodeRef | undefined;
  /** `EnableDnsHostnames`; CloudFormation's default is false. */
  readonly enableDnsHostnames: NodeRef | undefined;
}

/** A secondary CIDR block added to a VPC with `AWS::EC2::VPCCidrBlock`. */
export interface VpcCidrBlock extends EntityBase {
  readonly kind: 'vpcCidrBlock';
  readonly vpcId: NodeRef | undefined;
  readonly cidrBlock: NodeRef | undefined;
  readonly ipv6CidrBlock: NodeRef | undefined;
  readonly amazonProvidedIpv6CidrBlock: NodeRef | undefined;
}

export interface Subnet extends EntityBase {
  readonly kind: 'subnet';
  readonly vpcId: NodeRef | undefined;
  readonly cidrBlock: NodeRef | undefined;
  readonly ipv6CidrBlock: NodeRef | undefined;
  readonly availabilityZone: NodeRef | undefined;
  readonly availabilityZoneId: NodeRef | undefined;
}

export type RuleDirection = 'ingress' | 'egress';

/** One ingress or egress rule, inline in a security group or a standalone resource. */
export interface SecurityGroupRule {
  readonly kind: 'sgRule';
  readonly direction: RuleDirection;
  /** The entity that declares it: the security group, or the standalone rule resource. */
  readonly owner: EntityBase;
  /** `GroupId` of a standalone rule; undefined for an inline rule, which belongs to its owner. */
  readonly groupId: NodeRef | undefined;
  /** The rule's own map node. */
  readonly node: Node;
  readonly standalone: boolean;
  readonly ipProtocol: NodeRef | undefined;
  readonly fromPort: NodeRef | undefined;
  readonly toPort: NodeRef | undefined;
  readonly cidrIp: NodeRef | undefined;
  readonly cidrIpv6: NodeRef | undefined;
  /** `SourceSecurityGroupId` (ingress) or `DestinationSecurityGroupId` (egress). */
  readonly peerGroupId: NodeRef | undefined;
  /** `SourceSecurityGroupName` (default VPC only). */
  readonly peerGroupName: NodeRef | undefined;
  /** `SourcePrefixListId` or `DestinationPrefixListId`. */
  readonly prefixListId: NodeRef | undefined;
}

export interface SecurityGroup extends EntityBase {
  readonly kind: 'securityGroup';
  readonly vpcId: NodeRef | undefined;
  /** Whether `SecurityGroupEgress` is written: without it CloudFormation adds allow-all egress. */
  readonly declaresEgress: boolean;
}

export type EndpointType = 'Interface' | 'Gateway' | 'GatewayLoadBalancer' | 'Resource' | 'ServiceNetwork';

export interface VpcEndpoint extends EntityBase {
  readonly kind: 'vpcEndpoint';
  readonly vpcId: NodeRef | undefined;
  readonly serviceName: NodeRef | undefined;
  /** `VpcEndpointType`; CloudFormation's default is `Gateway`. */
  readonly vpcEndpointType: NodeRef | undefined;
  /** `PrivateDnsEnabled`; CloudFormation's default is false. */
  readonly privateDnsEnabled: NodeRef | undefined;
  readonly subnetIds: NodeRef | undefined;
  readonly securityGroupIds: NodeRef | undefined;
  readonly routeTableIds: NodeRef | undefined;
  readonly dnsOptions: NodeRef | undefined;
  readonly ipAddressType: NodeRef | undefined;
}

export interface RouteTable extends EntityBase {
  readonly kind: 'routeTable';
  readonly vpcId: NodeRef | undefined;
}

export type RouteTargetKind = 'internetGateway' | 'natGateway' | 'transitGateway' | 'vpcPeering' | 'vpcEndpoint' | 'egressOnlyInternetGateway' | 'networkInterface' | 'instance' | 'localGateway' | 'carrierGateway' | 'coreNetwork' | 'unknown';

export interface Route extends EntityBase {
  readonly kind: 'route';
  readonly routeTableId: NodeRef | undefined;
  readonly destinationCidrBlock: NodeRef | undefined;
  readonly destinationIpv6CidrBlock: NodeRef | undefined;
  readonly destinationPrefixListId: NodeRef | undefined;
  readonly targetKind: RouteTargetKind;
  readonly target: NodeRef | undefined;
}

export interface SubnetRouteTableAssociation extends EntityBase {
  readonly kind: 'subnetRouteTableAssociation';
  readonly subnetId: NodeRef | undefined;
  readonly routeTableId: NodeRef | undefined;
}

export interface NetworkAcl extends EntityBase {
  readonly kind: 'networkAcl';
  readonly vpcId: NodeRef | undefined;
}

export interface NetworkAclEntry extends EntityBase {
  readonly kind: 'networkAclEntry';
  readonly networkAclId: NodeRef | undefined;
  readonly ruleNumber: NodeRef | undefined;
  readonly protocol: NodeRef | undefined;
  readonly ruleAction: NodeRef | undefined;
  readonly egress: NodeRef | undefined;
  readonly cidrBlock: NodeRef | undefined;
  readonly ipv6CidrBlock: NodeRef | undefined;
  readonly portFrom: NodeRef | undefined;
  readonly portTo: NodeRef | undefined;
}

export interface SubnetNetworkAclAssociation extends EntityBase {
  readonly kind: 'subnetNetworkAclAssociation';
  readonly subnetId: NodeRef | undefined;
  readonly networkAclId: NodeRef | undefined;
}

export interface InternetGateway extends EntityBase {
  readonly kind: 'internetGateway';
}

export interface GatewayAttachment extends EntityBase {
  readonly kind: 'gatewayAttachment';
  readonly vpcId: NodeRef | undefined;
  readonly internetGatewayId: NodeRef | undefined;
  readonly vpnGatewayId: NodeRef | undefined;
}

export interface NatGateway extends EntityBase {
  readonly kind: 'natGateway';
  readonly subnetId: NodeRef | undefined;
  /** `ConnectivityType`: `public` (default) or `private`. */
  readonly connectivityType: NodeRef | undefined;
}

export type WorkloadKind =
  | 'instance'
  | 'autoScalingGroup'
  | 'lambdaFunction'
  | 'ecsService'
  | 'codeBuildProject'
  | 'eksNodegroup'
  | 'eksCluster'
  | 'batchComputeEnvironment'
  | 'sageMaker'
  | 'glueConnection'
  | 'networkInterface';

/** What each kind of workload is called in messages, hovers and the diagram. */
export const WORKLOAD_KIND_LABELS: Readonly<Record<WorkloadKind, string>> = {
  instance: 'EC2 instance',
  autoScalingGroup: 'Auto Scaling group',
  lambdaFunction: 'Lambda function',
  ecsService: 'ECS service',
  codeBuildProject: 'CodeBuild project',
  eksNodegroup: 'EKS node group',
  eksCluster: 'EKS cluster',
  batchComputeEnvironment: 'Batch compute environment',
  sageMaker: 'SageMaker resource',
  glueConnection: 'Glue connection',
  networkInterface: 'network interface',
};

/** Something that puts network interfaces in subnets and may call AWS services. */
export interface Workload extends EntityBase {
  readonly kind: 'workload';
  readonly workloadKind: WorkloadKind;
  /** Nodes that evaluate to a subnet id or a list of them. */
  readonly subnets: readonly NodeRef[];
  /** Nodes that evaluate to a security group id or a list of them. */
  readonly securityGroups: readonly NodeRef[];
  /**
   * Whether the workload's interfaces get the VPC's default security group because none is given;
   * `unknown` when a launch template or service default decides it.
   */
  readonly usesDefaultSecurityGroup: boolean | 'unknown';
  /** Security groups AWS adds that the template does not name (the EKS cluster security group). */
  readonly implicitSecurityGroups: boolean;
  /** Nodes that evaluate to an IAM role (`Role`, `ServiceRole`, `ExecutionRoleArn`…). */
  readonly roles: readonly NodeRef[];
  /** Nodes that evaluate to an instance profile. */
  readonly instanceProfiles: readonly NodeRef[];
  /** Other resources that make up the workload: its launch template, task definition… */
  readonly parts: readonly EntityRef[];
}

/** A resource of the workspace by file and logical id. */
export interface EntityRef {
  readonly file: string;
  readonly logicalId: string;
}

export interface HostedZone extends EntityBase {
  readonly kind: 'hostedZone';
  readonly name: NodeRef | undefined;
  /** `VPCs[*].VPCId`. */
  readonly vpcIds: readonly NodeRef[];
}

export interface VpcPeering extends EntityBase {
  readonly kind: 'vpcPeering';
  readonly vpcId: NodeRef | undefined;
  readonly peerVpcId: NodeRef | undefined;
}

export interface TransitGatewayAttachment extends EntityBase {
  readonly kind: 'transitGatewayAttachment';
  readonly vpcId: NodeRef | undefined;
  readonly subnetIds: NodeRef | undefined;
}

/** A Route 53 Resolver endpoint: inbound ones answer queries from other networks with the VPC's view of DNS. */
export interface ResolverEndpoint extends EntityBase {
  readonly kind: 'resolverEndpoint';
  /** `Direction`: `INBOUND`, `OUTBOUND` or `INBOUND_DELEGATION`. */
  readonly direction: NodeRef | undefined;
  /** `IpAddresses[*].SubnetId`: the subnets, and so the VPC, the endpoint lives in. */
  readonly subnetIds: readonly NodeRef[];
}

export interface DhcpOptionsAssociation extends EntityBase {
  readonly kind: 'dhcpOptionsAssociation';
  readonly vpcId: NodeRef | undefined;
  readonly dhcpOptionsId: NodeRef | undefined;
}

export type Entity =
  | Vpc
  | VpcCidrBlock
  | Subnet
  | SecurityGroup
  | VpcEndpoint
  | RouteTable
  | Route
  | SubnetRouteTableAssociation
  | NetworkAcl
  | NetworkAclEntry
  | SubnetNetworkAclAssociation
  | InternetGateway
  | GatewayAttachment
  | NatGateway
  | Workload
  | HostedZone
  | VpcPeering
  | TransitGatewayAttachment
  | ResolverEndpoint
  | DhcpOptionsAssociation;

/** One template of the model, with what it is evaluated against. */
export interface ModelTemplate {
  readonly template: Template;
  readonly env: EvalEnv;
}

export interface NetworkModel {
  /** The templates the model is built from, by file. */
  readonly templates: ReadonlyMap<string, ModelTemplate>;
  /** Every template's conditions, for walking scenarios. */
  readonly conditions: ConditionUniverse;
  readonly vpcs: readonly Vpc[];
  readonly vpcCidrBlocks: readonly VpcCidrBlock[];
  readonly subnets: readonly Subnet[];
  readonly securityGroups: readonly SecurityGroup[];
  readonly securityGroupRules: readonly SecurityGroupRule[];
  readonly vpcEndpoints: readonly VpcEndpoint[];
  readonly routeTables: readonly RouteTable[];
  readonly routes: readonly Route[];
  readonly routeTableAssociations: readonly SubnetRouteTableAssociation[];
  readonly networkAcls: readonly NetworkAcl[];
  readonly networkAclEntries: readonly NetworkAclEntry[];
  readonly networkAclAssociations: readonly SubnetNetworkAclAssociation[];
  readonly internetGateways: readonly InternetGateway[];
  readonly gatewayAttachments: readonly GatewayAttachment[];
  readonly natGateways: readonly NatGateway[];
  readonly workloads: readonly Workload[];
  readonly hostedZones: readonly HostedZone[];
  readonly vpcPeerings: readonly VpcPeering[];
  readonly transitGatewayAttachments: readonly TransitGatewayAttachment[];
  readonly resolverEndpoints: readonly ResolverEndpoint[];
  readonly dhcpOptionsAssociations: readonly DhcpOptionsAssociation[];
  /** Every entity by id (`file#logicalId`); a security group rule is reached through its group. */
  readonly byId: ReadonlyMap<string, Entity>;
}
