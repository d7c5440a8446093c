/**
 * Templates generated from scratch for the fuzzer: nested maps and sequences, every CloudFormation
 * intrinsic in its long and short form, in the right shape and in wrong ones, network resources with
 * the properties the model reads, and names drawn from a small pool so that references resolve, dangle
 * or go round in circles. Rendered as block or flow YAML, or as JSON (which may repeat keys).
 */
import fc from 'fast-check';
import { INTERESTING_SCALARS } from './mutations';

/** A generated value: the tree the renderers write as YAML or JSON. */
export type GenNode =
  | { readonly t: 'scalar'; readonly v: string | number | boolean | null }
  /** A string written exactly as given (a YAML fragment such as `*anchor` or `.inf`). */
  | { readonly t: 'raw'; readonly v: string }
  | { readonly t: 'map'; readonly pairs: readonly (readonly [string, GenNode])[]; readonly flow: boolean }
  | { readonly t: 'seq'; readonly items: readonly GenNode[]; readonly flow: boolean }
  /** An intrinsic: `{ name: arg }`, written as a short-form tag in YAML when `short` and the name has one. */
  | { readonly t: 'fn'; readonly name: string; readonly arg: GenNode; readonly short: boolean };

/** Names that are declared as parameters, conditions, mappings and resources, and a few that never are. */
export const NAMES: readonly string[] = ['Vpc', 'SubnetA', 'SubnetB', 'Group', 'Endpoint', 'Table', 'Acl', 'Zone', 'Func', 'Param', 'List', 'IsProd', 'Map', 'Missing'];
const PSEUDO = ['AWS::Region', 'AWS::NoValue', 'AWS::StackName', 'AWS::AccountId', 'AWS::Partition', 'AWS::URLSuffix', 'AWS::NotificationARNs', 'AWS::StackId'];
const ATTRIBUTES = ['CidrBlock', 'VpcId', 'GroupId', 'SubnetId', 'AvailabilityZone', 'AvailabilityZoneId', 'Id', 'DnsEntries', 'DefaultSecurityGroup', 'Outputs.Value', 'Arn', 'Missing'];

const RESOURCE_TYPES: readonly string[] = [
  'AWS::EC2::VPC',
  'AWS::EC2::VPCCidrBlock',
  'AWS::EC2::Subnet',
  'AWS::EC2::SecurityGroup',
  'AWS::EC2::SecurityGroupIngress',
  'AWS::EC2::SecurityGroupEgress',
  'AWS::EC2::VPCEndpoint',
  'AWS::EC2::RouteTable',
  'AWS::EC2::Route',
  'AWS::EC2::SubnetRouteTableAssociation',
  'AWS::EC2::NetworkAcl',
  'AWS::EC2::NetworkAclEntry',
  'AWS::EC2::SubnetNetworkAclAssociation',
  'AWS::EC2::InternetGateway',
  'AWS::EC2::VPCGatewayAttachment',
  'AWS::EC2::NatGateway',
  'AWS::EC2::VPCPeeringConnection',
  'AWS::EC2::TransitGatewayAttachment',
  'AWS::EC2::VPCDHCPOptionsAssociation',
  'AWS::EC2::Instance',
  'AWS::EC2::LaunchTemplate',
  'AWS::AutoScaling::AutoScalingGroup',
  'AWS::Lambda::Function',
  'AWS::Serverless::Function',
  'AWS::ECS::Service',
  'AWS::ECS::TaskDefinition',
  'AWS::CodeBuild::Project',
  'AWS::EKS::Cluster',
  'AWS::Batch::ComputeEnvironment',
  'AWS::SageMaker::NotebookInstance',
  'AWS::Glue::Connection',
  'AWS::Route53::HostedZone',
  'AWS::CloudFormation::Stack',
  'Custom::Thing',
  'AWS::EC2::Nope',
  'NotAType',
];

/** Property names the model and the rules read, used at every level so that nested shapes are reached. */
const PROPERTIES: readonly string[] = [
  'CidrBlock',
  'Ipv6CidrBlock',
  'VpcId',
  'SubnetId',
  'SubnetIds',
  'Subnets',
  'SecurityGroupIds',
  'SecurityGroups',
  'GroupId',
  'GroupName',
  'GroupDescription',
  'SecurityGroupIngress',
  'SecurityGroupEgress',
  'IpProtocol',
  'FromPort',
  'ToPort',
  'CidrIp',
  'CidrIpv6',
  'SourceSecurityGroupId',
  'DestinationSecurityGroupId',
  'SourcePrefixListId',
  'DestinationPrefixListId',
  'ServiceName',
  'VpcEndpointType',
  'PrivateDnsEnabled',
  'RouteTableIds',
  'RouteTableId',
  'PolicyDocument',
  'AvailabilityZone',
  'AvailabilityZoneId',
  'EnableDnsSupport',
  'EnableDnsHostnames',
  'NetworkAclId',
  'RuleNumber',
  'RuleAction',
  'Egress',
  'Protocol',
  'PortRange',
  'From',
  'To',
  'Icmp',
  'DestinationCidrBlock',
  'DestinationIpv6CidrBlock',
  'GatewayId',
  'NatGatewayId',
  'VpcEndpointId',
  'TransitGatewayId',
  'VpcPeeringConnectionId',
  'PeerVpcId',
  'NetworkInterfaces',
  'VpcConfig',
  'LaunchTemplate',
  'LaunchTemplateData',
  'LaunchTemplateId',
  'Version',
  'VPCZoneIdentifier',
  'NetworkConfiguration',
  'AwsvpcConfiguration',
  'AssignPublicIp',
  'ResourcesVpcConfig',
  'ComputeResources',
  'PhysicalConnectionRequirements',
  'VPCs',
  'VPCId',
  'VPCRegion',
  'Name',
  'Tags',
  'Key',
  'Value',
  'TaskDefinition',
  'ContainerDefinitions',
  'Image',
  'TemplateURL',
  'Parameters',
  'DirectInternetAccess',
  'Condition',
  'DependsOn',
  'Metadata',
  'cfn-network-lens',
  'ignore',
];

const INTRINSICS: readonly string[] = [
  'Ref',
  'Condition',
  'Fn::GetAtt',
  'Fn::Sub',
  'Fn::Join',
  'Fn::Select',
  'Fn::Split',
  'Fn::If',
  'Fn::Equals',
  'Fn::And',
  'Fn::Or',
  'Fn::Not',
  'Fn::FindInMap',
  'Fn::GetAZs',
  'Fn::ImportValue',
  'Fn::Base64',
  'Fn::Cidr',
  'Fn::Transform',
  'Fn::Length',
  'Fn::ToJsonString',
  'Fn::ForEach::Loop',
  'Fn::GetStackOutput',
  'Fn::Unknown',
];

const SHORT_FORMS: ReadonlyMap<string, string> = new Map([
  ['Ref', '!Ref'],
  ['Condition', '!Condition'],
  ['Fn::GetAtt', '!GetAtt'],
  ['Fn::Sub', '!Sub'],
  ['Fn::Join', '!Join'],
  ['Fn::Select', '!Select'],
  ['Fn::Split', '!Split'],
  ['Fn::If', '!If'],
  ['Fn::Equals', '!Equals'],
  ['Fn::And', '!And'],
  ['Fn::Or', '!Or'],
  ['Fn::Not', '!Not'],
  ['Fn::FindInMap', '!FindInMap'],
  ['Fn::GetAZs', '!GetAZs'],
  ['Fn::ImportValue', '!ImportValue'],
  ['Fn::Base64', '!Base64'],
  ['Fn::Cidr', '!Cidr'],
  ['Fn::Transform', '!Transform'],
  ['Fn::Length', '!Length'],
  ['Fn::ToJsonString', '!ToJsonString'],
  ['Fn::GetStackOutput', '!GetStackOutput'],
]);

const scalar = (v: string | number | boolean | null): GenNode => ({ t: 'scalar', v });
const seq = (items: readonly GenNode[], flow = true): GenNode => ({ t: 'seq', items, flow });
const fn = (name: string, arg: GenNode, short: boolean): GenNode => ({ t: 'fn', name, arg, short });

const name = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...NAMES) }, { weight: 1, arbitrary: fc.constantFrom(...PSEUDO) });
const literal: fc.Arbitrary<GenNode> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('10.0.0.0/16', '10.0.1.0/24', '0.0.0.0/0', '::/0', 'tcp', '-1', 'Interface', 'Gateway', 'com.amazonaws.us-east-1.s3', 'us-east-1a', 'true', '443').map(scalar) },
  { weight: 2, arbitrary: fc.oneof(fc.integer({ min: -2, max: 70000 }), fc.boolean(), fc.constant(null), fc.double()).map(scalar) },
  { weight: 2, arbitrary: fc.constantFrom(...INTERESTING_SCALARS).map((v): GenNode => ({ t: 'raw', v })) },
  { weight: 1, arbitrary: fc.string({ maxLength: 10 }).map(scalar) },
  { weight: 1, arbitrary: name.map(scalar) },
);
const subString = fc
  .array(fc.oneof(fc.constantFrom('x', '-', '.', '/', ' '), name.map((n) => `\${${n}}`), fc.tuple(name, fc.constantFrom(...ATTRIBUTES)).map(([n, a]) => `\${${n}.${a}}`), fc.constantFrom('${!Literal}', '${', '}')), { maxLength: 5 })
  .map((parts) => scalar(parts.join('')));

/** Values of every shape: literals, intrinsics in good and bad shapes, maps of known property names, lists. */
const { value } = fc.letrec<{ value: GenNode; intrinsic: GenNode; collection: GenNode }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', maxDepth: 6 }, { weight: 4, arbitrary: literal }, { weight: 4, arbitrary: tie('intrinsic') }, { weight: 3, arbitrary: tie('collection') }),
  collection: fc.oneof(
    fc.record({ t: fc.constant('map' as const), pairs: fc.uniqueArray(fc.tuple(fc.constantFrom(...PROPERTIES), tie('value')), { maxLength: 5, selector: ([key]) => key }), flow: fc.boolean() }),
    fc.record({ t: fc.constant('seq' as const), items: fc.array(tie('value'), { maxLength: 5 }), flow: fc.boolean() }),
  ),
  intrinsic: fc.oneof(
    // The right shapes.
    fc.tuple(name, fc.boolean()).map(([n, short]) => fn('Ref', scalar(n), short)),
    fc.tuple(name, fc.constantFrom(...ATTRIBUTES), fc.boolean(), fc.boolean()).map(([n, a, dotted, short]) => fn('Fn::GetAtt', dotted ? scalar(`${n}.${a}`) : seq([scalar(n), scalar(a)]), short)),
    fc.tuple(subString, fc.option(fc.array(fc.tuple(fc.constantFrom(...NAMES), tie('value')), { maxLength: 3 })), fc.boolean()).map(([text, variables, short]) =>
      fn('Fn::Sub', variables ? seq([text, { t: 'map', pairs: variables, flow: true }]) : text, short),
    ),
    fc.tuple(fc.constantFrom(',', '', '-', ':'), fc.array(tie('value'), { maxLength: 4 }), fc.boolean()).map(([d, items, short]) => fn('Fn::Join', seq([scalar(d), seq(items)]), short)),
    fc.tuple(fc.integer({ min: -1, max: 5 }), fc.oneof(fc.array(tie('value'), { maxLength: 4 }).map((items) => seq(items)), fc.constant(fn('Fn::GetAZs', scalar(''), true)), tie('intrinsic')), fc.boolean()).map(([i, list, short]) => fn('Fn::Select', seq([scalar(i), list]), short)),
    fc.tuple(fc.constantFrom(',', '', '.'), tie('value'), fc.boolean()).map(([d, source, short]) => fn('Fn::Split', seq([scalar(d), source]), short)),
    fc.tuple(name, tie('value'), tie('value'), fc.boolean()).map(([c, a, b, short]) => fn('Fn::If', seq([scalar(c), a, b]), short)),
    fc.tuple(tie('value'), tie('value'), fc.boolean()).map(([a, b, short]) => fn('Fn::Equals', seq([a, b]), short)),
    fc.tuple(fc.constantFrom('Fn::And', 'Fn::Or', 'Fn::Not'), fc.array(tie('value'), { maxLength: 3 }), fc.boolean()).map(([op, items, short]) => fn(op, seq(items), short)),
    fc.tuple(name, fc.boolean()).map(([n, short]) => fn('Condition', scalar(n), short)),
    fc.tuple(name, tie('value'), tie('value'), fc.option(tie('value')), fc.boolean()).map(([m, a, b, fallback, short]) =>
      fn('Fn::FindInMap', seq(fallback ? [scalar(m), a, b, { t: 'map', pairs: [['DefaultValue', fallback]], flow: true }] : [scalar(m), a, b]), short),
    ),
    fc.tuple(fc.oneof(fc.constant(scalar('')), tie('value')), fc.boolean()).map(([region, short]) => fn('Fn::GetAZs', region, short)),
    fc.tuple(tie('value'), fc.boolean()).map(([n, short]) => fn('Fn::ImportValue', n, short)),
    fc.tuple(tie('value'), fc.integer({ min: -1, max: 300 }), fc.integer({ min: -1, max: 130 }), fc.boolean()).map(([block, count, bits, short]) => fn('Fn::Cidr', seq([block, scalar(count), scalar(bits)]), short)),
    // Any intrinsic with any argument: the wrong shapes.
    fc.tuple(fc.constantFrom(...INTRINSICS), tie('value'), fc.boolean()).map(([n, arg, short]) => fn(n, arg, short)),
  ),
}));

const resource: fc.Arbitrary<GenNode> = fc
  .tuple(
    fc.constantFrom(...RESOURCE_TYPES),
    fc.array(fc.tuple(fc.constantFrom(...PROPERTIES), value), { maxLength: 8 }),
    fc.option(name),
    fc.option(fc.oneof(name.map(scalar), fc.array(name.map(scalar), { maxLength: 3 }).map((items) => seq(items)))),
    fc.option(fc.constantFrom('endpoint-uses-default-sg', 'template-syntax-error', 'nope')),
    fc.boolean(),
  )
  .map(([type, properties, condition, dependsOn, ignore, flow]): GenNode => {
    const pairs: [string, GenNode][] = [['Type', scalar(type)], ['Properties', { t: 'map', pairs: properties, flow }]];
    if (condition !== null) pairs.push(['Condition', scalar(condition)]);
    if (dependsOn !== null) pairs.push(['DependsOn', dependsOn]);
    if (ignore !== null) pairs.push(['Metadata', { t: 'map', pairs: [['cfn-network-lens', { t: 'map', pairs: [['ignore', seq([scalar(ignore)])]], flow: true }]], flow: false }]);
    return { t: 'map', pairs, flow: false };
  });

/** A mapping: top-level keys (regions, names) to second-level keys to values. */
const mapping: fc.Arbitrary<GenNode> = fc
  .array(fc.tuple(fc.constantFrom('us-east-1', 'eu-west-1', ...NAMES), fc.array(fc.tuple(fc.constantFrom(...PROPERTIES), value), { maxLength: 3 }).map((pairs): GenNode => ({ t: 'map', pairs, flow: true }))), { maxLength: 3 })
  .map((pairs): GenNode => ({ t: 'map', pairs, flow: false }));

const parameter: fc.Arbitrary<GenNode> = fc
  .tuple(fc.constantFrom('String', 'Number', 'CommaDelimitedList', 'List<AWS::EC2::Subnet::Id>', 'AWS::EC2::VPC::Id', 'AWS::SSM::Parameter::Value<String>', 'Bogus'), fc.option(value), fc.option(fc.array(literal, { maxLength: 3 })))
  .map(([type, defaultValue, allowed]): GenNode => {
    const pairs: [string, GenNode][] = [['Type', scalar(type)]];
    if (defaultValue !== null) pairs.push(['Default', defaultValue]);
    if (allowed !== null) pairs.push(['AllowedValues', seq(allowed)]);
    return { t: 'map', pairs, flow: false };
  });

/** A section: usually a map of named entries, sometimes the wrong shape altogether. */
function section(entry: fc.Arbitrary<GenNode>, maxLength: number): fc.Arbitrary<GenNode> {
  return fc.oneof(
    { weight: 9, arbitrary: fc.uniqueArray(fc.tuple(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...NAMES) }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) }), entry), { maxLength, selector: ([key]) => key }).map((pairs): GenNode => ({ t: 'map', pairs, flow: false })) },
    { weight: 1, arbitrary: value },
  );
}

/** A whole template as a tree: the sections in any order, some missing, some repeated. */
export const templateTree: fc.Arbitrary<GenNode> = fc
  .tuple(
    fc.option(fc.constantFrom('2010-09-09', '2010-09-10', 'x')),
    fc.option(fc.constantFrom('AWS::Serverless-2016-10-31', 'AWS::LanguageExtensions')),
    fc.option(section(parameter, 4)),
    fc.option(section(value, 4)),
    fc.option(section(mapping, 3)),
    section(resource, 8),
    fc.option(section(fc.record({ Value: value, Name: value }).map(({ Value, Name }): GenNode => ({ t: 'map', pairs: [['Value', Value], ['Export', { t: 'map', pairs: [['Name', Name]], flow: true }]], flow: false })), 3)),
    fc.boolean(),
  )
  .map(([version, transform, parameters, conditions, mappings, resources, outputs, shuffle]): GenNode => {
    const pairs: [string, GenNode][] = [];
    if (version !== null) pairs.push(['AWSTemplateFormatVersion', scalar(version)]);
    if (transform !== null) pairs.push(['Transform', scalar(transform)]);
    if (parameters !== null) pairs.push(['Parameters', parameters]);
    if (conditions !== null) pairs.push(['Conditions', conditions]);
    if (mappings !== null) pairs.push(['Mappings', mappings]);
    pairs.push(['Resources', resources]);
    if (outputs !== null) pairs.push(['Outputs', outputs]);
    return { t: 'map', pairs: shuffle ? [...pairs].reverse() : pairs, flow: false };
  });

/** Logical ids by the kind of resource they name, so that typed references usually hit the right kind. */
const IDS = {
  vpc: ['Vpc', 'Vpc2'],
  subnet: ['SubnetA', 'SubnetB', 'SubnetC'],
  group: ['Group', 'Group2'],
  endpoint: ['Endpoint', 'Endpoint2', 'Endpoint3'],
  table: ['Table', 'Table2'],
  acl: ['Acl'],
  other: ['Func', 'Instance', 'Service', 'Zone', 'Gateway', 'Nat', 'Peering', 'Missing'],
} as const;
type IdKind = keyof typeof IDS;

/** Mostly a good value, sometimes any value at all (a wrong shape, an unknown, a dangling name). */
function mostly(good: fc.Arbitrary<GenNode>): fc.Arbitrary<GenNode> {
  return fc.oneof({ weight: 6, arbitrary: good }, { weight: 1, arbitrary: value });
}

function refTo(kind: IdKind): fc.Arbitrary<GenNode> {
  return fc.oneof(
    { weight: 8, arbitrary: fc.tuple(fc.constantFrom(...IDS[kind]), fc.boolean()).map(([id, short]) => fn('Ref', scalar(id), short)) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('Param', 'List', 'Missing'), fc.boolean()).map(([id, short]) => fn('Ref', scalar(id), short)) },
    { weight: 1, arbitrary: fc.constantFrom('vpc-0123', 'subnet-0123', 'sg-0123', 'rtb-0123').map(scalar) },
    { weight: 1, arbitrary: fc.constantFrom('Shared-Vpc', 'Shared-Subnet', 'Shared-Group').map((n) => fn('Fn::ImportValue', scalar(n), true)) },
  );
}

function refList(kind: IdKind): fc.Arbitrary<GenNode> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.array(refTo(kind), { maxLength: 3 }).map((items) => seq(items, false)) },
    { weight: 1, arbitrary: fc.constant(fn('Ref', scalar('List'), true)) },
    { weight: 1, arbitrary: fc.tuple(fc.boolean(), refTo(kind), refTo(kind)).map(([short, a, b]) => fn('Fn::If', seq([scalar('IsProd'), seq([a]), seq([a, b])]), short)) },
  );
}

const cidr = fc.oneof(
  fc.constantFrom('10.0.0.0/16', '10.0.1.0/24', '10.0.2.0/24', '10.1.0.0/16', '0.0.0.0/0', '192.168.0.0/16', '::/0', '10.0.0.0/8').map(scalar),
  fc.constant(fn('Fn::GetAtt', scalar('Vpc.CidrBlock'), true)),
  fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 4 })).map(([i, n]) => fn('Fn::Select', seq([scalar(i), fn('Fn::Cidr', seq([fn('Fn::GetAtt', scalar('Vpc.CidrBlock'), true), scalar(n), scalar(8)]), false)]), true)),
);
const zone = fc.oneof(
  fc.integer({ min: 0, max: 3 }).map((i) => fn('Fn::Select', seq([scalar(i), fn('Fn::GetAZs', scalar(''), true)]), true)),
  fc.constantFrom('us-east-1a', 'us-east-1b', 'eu-west-1a').map(scalar),
  fc.constant(fn('Ref', scalar('Param'), true)),
);
const bool = fc.oneof(fc.boolean().map(scalar), fc.constantFrom('true', 'false', 'True').map(scalar), fc.constant(fn('Fn::If', seq([scalar('IsProd'), scalar(true), scalar(false)]), true)));
const port = fc.oneof(fc.constantFrom(443, 80, 22, 0, -1, 65535, 1024).map(scalar), fc.constantFrom('443', '-1').map(scalar));
const protocol = fc.constantFrom('tcp', 'udp', 'icmp', '-1', '6', '17', 'all').map(scalar);
const serviceName = fc.oneof(
  fc.constantFrom('s3', 'dynamodb', 'logs', 'kms', 'sts', 'ssm', 'ecr.dkr', 'ecr.api', 'execute-api', 'secretsmanager').map((service) => fn('Fn::Sub', scalar(`com.amazonaws.\${AWS::Region}.${service}`), true)),
  fc.constantFrom('com.amazonaws.us-east-1.s3', 'com.amazonaws.eu-west-1.logs', 'com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0').map(scalar),
);

function ruleItem(direction: 'in' | 'out'): fc.Arbitrary<GenNode> {
  const peer = direction === 'in' ? 'SourceSecurityGroupId' : 'DestinationSecurityGroupId';
  return fc
    .tuple(protocol, port, port, fc.oneof(cidr.map((c): [string, GenNode] => ['CidrIp', c]), refTo('group').map((g): [string, GenNode] => [peer, g]), fc.constant<[string, GenNode]>([direction === 'in' ? 'SourcePrefixListId' : 'DestinationPrefixListId', scalar('pl-1234')])))
    .map(([p, from, to, [key, target]]): GenNode => ({ t: 'map', pairs: [['IpProtocol', p], ['FromPort', from], ['ToPort', to], [key, target]], flow: false }));
}

/** The properties a resource type is read for, each with a generator of mostly good values. */
const TYPED_PROPERTIES: Readonly<Record<string, readonly (readonly [string, fc.Arbitrary<GenNode>])[]>> = {
  'AWS::EC2::VPC': [['CidrBlock', cidr], ['EnableDnsSupport', bool], ['EnableDnsHostnames', bool]],
  'AWS::EC2::Subnet': [['VpcId', refTo('vpc')], ['CidrBlock', cidr], ['AvailabilityZone', zone], ['MapPublicIpOnLaunch', bool]],
  'AWS::EC2::SecurityGroup': [['GroupDescription', fc.constant(scalar('group'))], ['VpcId', refTo('vpc')], ['SecurityGroupIngress', fc.array(ruleItem('in'), { maxLength: 3 }).map((items) => seq(items, false))], ['SecurityGroupEgress', fc.array(ruleItem('out'), { maxLength: 2 }).map((items) => seq(items, false))]],
  'AWS::EC2::SecurityGroupIngress': [['GroupId', refTo('group')], ['IpProtocol', protocol], ['FromPort', port], ['ToPort', port], ['CidrIp', cidr], ['SourceSecurityGroupId', refTo('group')]],
  'AWS::EC2::SecurityGroupEgress': [['GroupId', refTo('group')], ['IpProtocol', protocol], ['FromPort', port], ['ToPort', port], ['CidrIp', cidr], ['DestinationSecurityGroupId', refTo('group')]],
  'AWS::EC2::VPCEndpoint': [['VpcId', refTo('vpc')], ['ServiceName', serviceName], ['VpcEndpointType', fc.constantFrom('Interface', 'Gateway', 'GatewayLoadBalancer', 'interface').map(scalar)], ['SubnetIds', refList('subnet')], ['SecurityGroupIds', refList('group')], ['PrivateDnsEnabled', bool], ['RouteTableIds', refList('table')]],
  'AWS::EC2::RouteTable': [['VpcId', refTo('vpc')]],
  'AWS::EC2::Route': [['RouteTableId', refTo('table')], ['DestinationCidrBlock', cidr], ['GatewayId', refTo('other')], ['VpcEndpointId', refTo('endpoint')]],
  'AWS::EC2::SubnetRouteTableAssociation': [['SubnetId', refTo('subnet')], ['RouteTableId', refTo('table')]],
  'AWS::EC2::NetworkAcl': [['VpcId', refTo('vpc')]],
  'AWS::EC2::NetworkAclEntry': [['NetworkAclId', refTo('acl')], ['RuleNumber', fc.integer({ min: 1, max: 32767 }).map(scalar)], ['Protocol', fc.constantFrom(-1, 6, 17, 1, '6').map(scalar)], ['RuleAction', fc.constantFrom('allow', 'deny', 'Allow').map(scalar)], ['Egress', bool], ['CidrBlock', cidr], ['PortRange', fc.tuple(port, port).map(([from, to]): GenNode => ({ t: 'map', pairs: [['From', from], ['To', to]], flow: true }))]],
  'AWS::EC2::SubnetNetworkAclAssociation': [['SubnetId', refTo('subnet')], ['NetworkAclId', refTo('acl')]],
  'AWS::Lambda::Function': [['VpcConfig', fc.tuple(refList('subnet'), refList('group')).map(([subnets, groups]): GenNode => ({ t: 'map', pairs: [['SubnetIds', subnets], ['SecurityGroupIds', groups]], flow: false }))]],
  'AWS::EC2::Instance': [['SubnetId', refTo('subnet')], ['SecurityGroupIds', refList('group')]],
  'AWS::ECS::Service': [['NetworkConfiguration', fc.tuple(refList('subnet'), refList('group')).map(([subnets, groups]): GenNode => ({ t: 'map', pairs: [['AwsvpcConfiguration', { t: 'map', pairs: [['Subnets', subnets], ['SecurityGroups', groups]], flow: false }]], flow: false }))]],
  'AWS::Route53::HostedZone': [['Name', fc.constantFrom('logs.us-east-1.amazonaws.com', 's3.amazonaws.com', 'example.com').map(scalar)], ['VPCs', refTo('vpc').map((vpc): GenNode => seq([{ t: 'map', pairs: [['VPCId', vpc], ['VPCRegion', fn('Ref', scalar('AWS::Region'), true)]], flow: false }], false))]],
  'AWS::EC2::VPCPeeringConnection': [['VpcId', refTo('vpc')], ['PeerVpcId', refTo('vpc')]],
};

const TYPE_OF_KIND: Readonly<Record<IdKind, readonly string[]>> = {
  vpc: ['AWS::EC2::VPC'],
  subnet: ['AWS::EC2::Subnet'],
  group: ['AWS::EC2::SecurityGroup'],
  endpoint: ['AWS::EC2::VPCEndpoint'],
  table: ['AWS::EC2::RouteTable'],
  acl: ['AWS::EC2::NetworkAcl'],
  other: Object.keys(TYPED_PROPERTIES),
};

/** A resource of a kind: usually its own type with a subset of its typed properties. */
function typedResource(kind: IdKind): fc.Arbitrary<readonly [string, GenNode]> {
  return fc
    .tuple(fc.constantFrom(...IDS[kind]), fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...TYPE_OF_KIND[kind]) }, { weight: 1, arbitrary: fc.constantFrom(...RESOURCE_TYPES) }), fc.nat(), fc.option(fc.constantFrom('IsProd', 'NotProd', 'Missing'), { freq: 4 }))
    .chain(([id, type, seed, condition]) => {
      const properties = TYPED_PROPERTIES[type] ?? [];
      return fc.tuple(...properties.map(([key, good]) => fc.option(mostly(good), { freq: 5 }).map((v) => [key, v] as const))).map((entries): readonly [string, GenNode] => {
        const pairs: [string, GenNode][] = [['Type', scalar(type)]];
        pairs.push(['Properties', { t: 'map', pairs: entries.filter((entry): entry is readonly [string, GenNode] => entry[1] !== null).map(([k, v]) => [k, v]), flow: seed % 7 === 0 }]);
        if (condition !== null) pairs.push(['Condition', scalar(condition)]);
        return [id, { t: 'map', pairs, flow: false }];
      });
    });
}

/** A network: VPCs, subnets, groups, endpoints, routes, ACLs and workloads that mostly refer to one another properly. */
export const networkTemplate: fc.Arbitrary<GenNode> = fc
  .tuple(
    fc.uniqueArray(typedResource('vpc'), { minLength: 1, maxLength: 2, selector: ([id]) => id }),
    fc.uniqueArray(typedResource('subnet'), { maxLength: 3, selector: ([id]) => id }),
    fc.uniqueArray(typedResource('group'), { maxLength: 2, selector: ([id]) => id }),
    fc.uniqueArray(typedResource('endpoint'), { minLength: 1, maxLength: 3, selector: ([id]) => id }),
    fc.uniqueArray(typedResource('table'), { maxLength: 2, selector: ([id]) => id }),
    fc.uniqueArray(typedResource('acl'), { maxLength: 1, selector: ([id]) => id }),
    fc.uniqueArray(typedResource('other'), { maxLength: 5, selector: ([id]) => id }),
    fc.option(fc.tuple(fc.constantFrom('String', 'CommaDelimitedList', 'List<AWS::EC2::Subnet::Id>'), fc.option(literal)), { freq: 2 }),
    fc.option(fc.constantFrom<[string, GenNode]>(['IsProd', fn('Fn::Equals', seq([fn('Ref', scalar('Param'), true), scalar('prod')]), true)], ['IsProd', fn('Fn::Equals', seq([scalar('a'), scalar('a')]), true)], ['IsProd', scalar(true)]), { freq: 2 }),
    fc.option(fc.constant<[string, GenNode]>(['NotProd', fn('Fn::Not', seq([fn('Condition', scalar('IsProd'), false)]), true)])),
  )
  .map(([vpcs, subnets, groups, endpoints, tables, acls, others, param, isProd, notProd]): GenNode => {
    const top: [string, GenNode][] = [['AWSTemplateFormatVersion', scalar('2010-09-09')]];
    if (param) {
      const pairs: [string, GenNode][] = [['Type', scalar(param[0])]];
      if (param[1]) pairs.push(['Default', param[1]]);
      top.push(['Parameters', { t: 'map', pairs: [['Param', { t: 'map', pairs, flow: false }], ['List', { t: 'map', pairs: [['Type', scalar('List<AWS::EC2::Subnet::Id>')]], flow: false }]], flow: false }]);
    }
    const conditions = [isProd, notProd].filter((c): c is [string, GenNode] => c !== null);
    if (conditions.length > 0) top.push(['Conditions', { t: 'map', pairs: conditions, flow: false }]);
    top.push(['Resources', { t: 'map', pairs: [...vpcs, ...subnets, ...groups, ...endpoints, ...tables, ...acls, ...others], flow: false }]);
    return { t: 'map', pairs: top, flow: false };
  });

/** Collections nested a little deeper than anything real, near the parser's depth limit. */
export const deepTree: fc.Arbitrary<GenNode> = fc.tuple(fc.integer({ min: 100, max: 260 }), fc.boolean(), fc.boolean()).map(([depth, maps, flow]) => {
  let node: GenNode = scalar('leaf');
  for (let i = 0; i < depth; i++) node = maps ? { t: 'map', pairs: [['a', node]], flow } : { t: 'seq', items: [node], flow };
  return { t: 'map', pairs: [['AWSTemplateFormatVersion', scalar('2010-09-09')], ['Resources', { t: 'map', pairs: [['Deep', node]], flow: false }]], flow: false };
});

const PLAIN = /^[A-Za-z_][A-Za-z0-9_.\-/]*(::[A-Za-z0-9_.\-/]+)*$/;
const KEYWORDS = /^(true|false|null|yes|no|on|off|y|n|~)$/i;

function yamlScalar(v: string | number | boolean | null): string {
  if (v === null) return 'null';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : v > 0 ? '.inf' : v < 0 ? '-.inf' : '.nan';
  if (typeof v === 'boolean') return String(v);
  return PLAIN.test(v) && !KEYWORDS.test(v) ? v : JSON.stringify(v);
}

function yamlKey(key: string): string {
  return PLAIN.test(key) ? key : JSON.stringify(key);
}

/** The node as it can stand on one line: a scalar, a flow collection, or a short tag with either. */
function inline(node: GenNode, parentShort: boolean): string | undefined {
  switch (node.t) {
    case 'scalar':
      return yamlScalar(node.v);
    case 'raw':
      // Block indicators cannot stand inside a flow collection; quoting keeps the rest of the file readable.
      return /^[|>]/.test(node.v) ? JSON.stringify(node.v) : node.v;
    case 'map':
      if (!node.flow && node.pairs.length > 0) return undefined;
      return `{${node.pairs.map(([k, v]) => `${JSON.stringify(k)}: ${inline(v, false) ?? flowOf(v)}`).join(', ')}}`;
    case 'seq':
      if (!node.flow && node.items.length > 0) return undefined;
      return `[${node.items.map((item) => inline(item, false) ?? flowOf(item)).join(', ')}]`;
    case 'fn': {
      const tag = node.short && !parentShort ? SHORT_FORMS.get(node.name) : undefined;
      if (!tag) return `{${JSON.stringify(node.name)}: ${inline(node.arg, false) ?? flowOf(node.arg)}}`;
      const arg = inline(node.arg, true);
      return arg === undefined ? undefined : `${tag} ${arg}`;
    }
  }
}

/** The node as flow YAML, whatever its own style. */
function flowOf(node: GenNode, parentShort = false): string {
  switch (node.t) {
    case 'map':
      return `{${node.pairs.map(([k, v]) => `${JSON.stringify(k)}: ${flowOf(v)}`).join(', ')}}`;
    case 'seq':
      return `[${node.items.map((item) => flowOf(item)).join(', ')}]`;
    case 'fn': {
      // A short tag cannot apply to a node that has a tag already, so the inner one is written long.
      const tag = node.short && !parentShort ? SHORT_FORMS.get(node.name) : undefined;
      return tag ? `${tag} ${flowOf(node.arg, true)}` : `{${JSON.stringify(node.name)}: ${flowOf(node.arg)}}`;
    }
    default:
      return inline(node, parentShort) ?? '';
  }
}

/** Block YAML lines for a collection (or a short tag over a block collection), indented by `indent`. */
function block(node: GenNode, indent: number): string {
  const pad = ' '.repeat(indent);
  // An intrinsic without a short form to write is the one-key map of its long form.
  if (node.t === 'fn' && !(node.short && SHORT_FORMS.has(node.name))) return block({ t: 'map', pairs: [[node.name, node.arg]], flow: false }, indent);
  if (node.t === 'map') {
    return node.pairs
      .map(([k, v]) => {
        const one = inline(v, false);
        if (one !== undefined) return `${pad}${yamlKey(k)}: ${one}`;
        if (v.t === 'fn' && v.short && SHORT_FORMS.has(v.name)) return `${pad}${yamlKey(k)}: ${SHORT_FORMS.get(v.name) ?? ''}\n${block(v.arg, indent + 2)}`;
        return `${pad}${yamlKey(k)}:\n${block(v, indent + 2)}`;
      })
      .join('\n');
  }
  if (node.t === 'seq') {
    return node.items
      .map((item) => {
        const one = inline(item, false);
        if (one !== undefined) return `${pad}- ${one}`;
        if (item.t === 'fn' && item.short && SHORT_FORMS.has(item.name)) return `${pad}- ${SHORT_FORMS.get(item.name) ?? ''}\n${block(item.arg, indent + 2)}`;
        return `${pad}-\n${block(item, indent + 2)}`;
      })
      .join('\n');
  }
  return `${pad}${inline(node, false) ?? flowOf(node)}`;
}

/** The tree as YAML: block style where the node asks for it, flow and short tags elsewhere. */
export function toYaml(node: GenNode): string {
  const one = inline(node, false);
  return `${one ?? block(node, 0)}\n`;
}

/** The tree as JSON: intrinsics in their long form, keys repeated as the tree repeats them. */
export function toJson(node: GenNode, indent: string): string {
  const write = (n: GenNode, depth: number): string => {
    const pad = indent === '' ? '' : `\n${indent.repeat(depth + 1)}`;
    const close = indent === '' ? '' : `\n${indent.repeat(depth)}`;
    switch (n.t) {
      case 'scalar':
        return typeof n.v === 'number' && !Number.isFinite(n.v) ? '0' : JSON.stringify(n.v);
      case 'raw':
        return JSON.stringify(n.v);
      case 'map':
        return n.pairs.length === 0 ? '{}' : `{${n.pairs.map(([k, v]) => `${pad}${JSON.stringify(k)}: ${write(v, depth + 1)}`).join(',')}${close}}`;
      case 'seq':
        return n.items.length === 0 ? '[]' : `[${n.items.map((item) => `${pad}${write(item, depth + 1)}`).join(',')}${close}]`;
      case 'fn':
        return `{${pad}${JSON.stringify(n.name)}: ${write(n.arg, depth + 1)}${close}}`;
    }
  };
  return `${write(node, 0)}\n`;
}

/** The ways YAML and JSON nest collections, each written `depth` times around a leaf. */
const NESTING_STYLES: Readonly<Record<string, (depth: number) => string>> = {
  flowSeq: (depth) => `${'['.repeat(depth)}x${']'.repeat(depth)}`,
  flowMap: (depth) => `${'{a: '.repeat(depth)}x${'}'.repeat(depth)}`,
  jsonMap: (depth) => `${'{"a": '.repeat(depth)}1${'}'.repeat(depth)}`,
  unclosed: (depth) => '['.repeat(depth),
  compactSeq: (depth) => `${'- '.repeat(depth)}x`,
  explicitKeys: (depth) => `${'? '.repeat(depth)}x`,
  // Block nesting costs a line per level with ever more indentation, so it stays under 200 KB.
  blockMap: (depth) => Array.from({ length: Math.min(depth, 600) }, (_, i) => `${' '.repeat(i)}a:`).join('\n'),
  blockSeq: (depth) => Array.from({ length: Math.min(depth, 600) }, (_, i) => `${' '.repeat(i)}-`).join('\n'),
  hiddenByQuote: (depth) => `it's [${'['.repeat(depth)}`,
  tagged: (depth) => `${'!If ['.repeat(depth)}x${']'.repeat(depth)}`,
};

/**
 * Text that has hurt YAML tools: nesting in every style up to thousands of levels, alias bombs, a
 * map of thousands of keys, an error on every line, very long lines, control characters.
 */
export const hostileText: fc.Arbitrary<{ readonly format: 'yaml' | 'json'; readonly text: string }> = fc.oneof(
  fc.tuple(fc.constantFrom(...Object.keys(NESTING_STYLES)), fc.oneof(fc.integer({ min: 190, max: 210 }), fc.integer({ min: 1000, max: 6000 })), fc.boolean()).map(([style, depth, inTemplate]) => {
    const nested = (NESTING_STYLES[style] as (depth: number) => string)(depth);
    return { format: 'yaml' as const, text: inTemplate ? `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  X: ${nested.includes('\n') ? `\n${nested.replace(/^/gm, '    ')}` : nested}\n` : `${nested}\n` };
  }),
  fc.tuple(fc.integer({ min: 2, max: 12 }), fc.integer({ min: 2, max: 12 })).map(([levels, width]) => {
    let text = 'AWSTemplateFormatVersion: "2010-09-09"\nl0: &l0 [x, x]\n';
    for (let i = 1; i <= levels; i++) text += `l${i}: &l${i} [${Array(width).fill(`*l${i - 1}`).join(', ')}]\n`;
    return { format: 'yaml' as const, text };
  }),
  fc.tuple(fc.integer({ min: 1000, max: 15000 }), fc.constantFrom('k${i}: 1', 'a: 1', '\ta: 1', ']', 'a: b: c', '- x\nb: 1', '"k${i}": 1,', '!X a', '*nope', '&a x'), fc.boolean()).map(([count, line, json]) => {
    const lines = Array.from({ length: count }, (_, i) => line.replace('${i}', String(i)));
    return json ? { format: 'json' as const, text: `{"AWSTemplateFormatVersion": "2010-09-09", ${lines.join('\n')}}` } : { format: 'yaml' as const, text: `AWSTemplateFormatVersion: "2010-09-09"\n${lines.join('\n')}\n` };
  }),
  fc.tuple(fc.integer({ min: 10000, max: 90000 }), fc.constantFrom('x', ' ', '\\', '"', "'", '#', ':', '\u0000', '\u202e', '\ud800', '${', '[', '{')).map(([length, unit]) => ({
    format: 'yaml' as const,
    text: `AWSTemplateFormatVersion: "2010-09-09"\nDescription: ${unit.repeat(length)}\nResources: {}\n`,
  })),
);

/** A generated template as text, in YAML or in JSON. */
export const generatedTemplate: fc.Arbitrary<{ readonly format: 'yaml' | 'json'; readonly text: string }> = fc
  .tuple(fc.oneof({ weight: 5, arbitrary: networkTemplate }, { weight: 4, arbitrary: templateTree }, { weight: 1, arbitrary: deepTree }), fc.constantFrom('yaml', 'yaml', 'json'), fc.constantFrom('', '  ', '\t'))
  .map(([tree, format, indent]) => (format === 'json' ? { format: 'json' as const, text: toJson(tree, indent) } : { format: 'yaml' as const, text: toYaml(tree) }));

/** Generated templates, with hostile text now and then. */
export const generatedText: fc.Arbitrary<{ readonly format: 'yaml' | 'json'; readonly text: string }> = fc.oneof({ weight: 9, arbitrary: generatedTemplate }, { weight: 1, arbitrary: hostileText });

/** A file of a generated workspace: its name (paths matter to nested stacks) and text. */
export interface GeneratedFile {
  readonly file: string;
  readonly text: string;
}

const EXPORT_NAMES: readonly GenNode[] = [
  scalar('Shared-Vpc'),
  scalar('Shared-Subnet'),
  scalar('Shared-Group'),
  fn('Fn::Sub', scalar('${AWS::StackName}-Vpc'), true),
  fn('Fn::Sub', scalar('${AWS::StackName}${AWS::StackName}-Subnet'), true),
  fn('Fn::Sub', scalar('${AWS::StackName}-${AWS::Region}-Group'), true),
  fn('Fn::Join', seq([scalar('-'), seq([fn('Ref', scalar('AWS::StackName'), true), scalar('Vpc')])]), true),
  scalar(42),
  seq([scalar('Shared-Vpc')]),
];
const EXPORT_VALUES: readonly GenNode[] = [
  fn('Ref', scalar('Vpc'), true),
  fn('Ref', scalar('SubnetA'), true),
  fn('Fn::GetAtt', scalar('Vpc.CidrBlock'), true),
  fn('Fn::Join', seq([scalar(','), seq([fn('Ref', scalar('SubnetA'), true), fn('Ref', scalar('SubnetB'), true)])]), true),
  fn('Ref', scalar('Group'), true),
  fn('Fn::ImportValue', scalar('Shared-Vpc'), true),
  fn('Ref', scalar('Missing'), true),
];
const NESTED_LOCATIONS: readonly string[] = ['./child.yaml', 'child.yaml', './parent.yaml', '../outside.yaml', 'https://example.com/child.yaml', 's3://bucket/child.yaml', './nested/grandchild.yaml', '', './child.json'];

/** A template with `Outputs` that export values, under names that imports may or may not match. */
const exporter: fc.Arbitrary<GenNode> = fc
  .tuple(networkTemplate, fc.array(fc.tuple(fc.constantFrom(...EXPORT_NAMES), fc.constantFrom(...EXPORT_VALUES)), { minLength: 1, maxLength: 4 }))
  .map(([tree, outputs]): GenNode => {
    if (tree.t !== 'map') return tree;
    const pairs: [string, GenNode][] = outputs.map(([name, value], index) => [`Output${index}`, { t: 'map', pairs: [['Value', value], ['Export', { t: 'map', pairs: [['Name', name]], flow: true }]], flow: false }]);
    return { ...tree, pairs: [...tree.pairs, ['Outputs', { t: 'map', pairs, flow: false }]] };
  });

/** A parent template with nested stacks whose locations resolve to other files of the workspace, or leave it, or loop. */
const parent: fc.Arbitrary<GenNode> = fc
  .tuple(networkTemplate, fc.array(fc.tuple(fc.constantFrom(...NESTED_LOCATIONS), fc.boolean(), fc.array(fc.tuple(fc.constantFrom('VpcId', 'SubnetIds', 'Param', 'Missing'), value), { maxLength: 3 })), { minLength: 1, maxLength: 3 }))
  .map(([tree, stacks]): GenNode => {
    if (tree.t !== 'map') return tree;
    const resources = tree.pairs.find(([key]) => key === 'Resources')?.[1];
    const nested: [string, GenNode][] = stacks.map(([location, sam, parameters], index) => [
      `Nested${index}`,
      {
        t: 'map',
        pairs: [
          ['Type', scalar(sam ? 'AWS::Serverless::Application' : 'AWS::CloudFormation::Stack')],
          ['Properties', { t: 'map', pairs: [[sam ? 'Location' : 'TemplateURL', scalar(location)], ['Parameters', { t: 'map', pairs: parameters, flow: false }]], flow: false }],
        ],
        flow: false,
      },
    ]);
    const others = resources?.t === 'map' ? resources.pairs : [];
    return { ...tree, pairs: [...tree.pairs.filter(([key]) => key !== 'Resources'), ['Resources', { t: 'map', pairs: [...others, ...nested], flow: false }]] };
  });

/** A workspace of two to four generated templates that export, import and nest one another. */
export const generatedWorkspace: fc.Arbitrary<readonly GeneratedFile[]> = fc
  .tuple(exporter, fc.option(parent, { freq: 2 }), fc.array(fc.oneof(networkTemplate, exporter), { minLength: 1, maxLength: 2 }), fc.boolean())
  .map(([exporting, nesting, rest, json]) => {
    const files: GeneratedFile[] = [{ file: 'network.yaml', text: toYaml(exporting) }];
    if (nesting) files.push({ file: 'parent.yaml', text: toYaml(nesting) });
    rest.forEach((tree, index) => files.push(index === 0 ? (json ? { file: 'child.json', text: toJson(tree, '  ') } : { file: 'child.yaml', text: toYaml(tree) }) : { file: `nested/grandchild.yaml`, text: toYaml(tree) }));
    return files;
  });
