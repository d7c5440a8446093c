/**
 * Fix building blocks shared by the rules about what workloads need: new interface endpoints that
 * copy an existing endpoint's VPC, subnets, security groups and private DNS setting; new gateway
 * endpoints on the route tables of the subnets whose workloads need the service; route tables as
 * values to write. Two findings that need the same endpoint build the same resource under the same
 * logical id, so that "fix all" adds it once.
 */
import { endpointView, internetAccessOf, workloadsOfVpc, zoneOf, type EndpointKind } from '../analysis';
import { routeTableOfSubnet, subnetsOfVpc, vpcOf, type NetworkModel, type RouteTableHandle, type Subnet, type Vpc, type VpcEndpoint, type VpcHandle } from '../model';
import { plainValueOf, valueOf } from '../syntax';
import { ANY_SCENARIO, type Template } from '../template';
import { freeLogicalId } from './fix-helpers';
import type { EditIntent, TemplateValue } from './rule';

/** Logical id stems for services whose id does not read well in Pascal case. */
const ID_STEMS: Readonly<Record<string, string>> = {
  ssm: 'Ssm',
  ssmmessages: 'SsmMessages',
  ec2messages: 'Ec2Messages',
  'ecr.api': 'EcrApi',
  'ecr.dkr': 'EcrDkr',
  s3: 'S3',
  dynamodb: 'DynamoDb',
  secretsmanager: 'SecretsManager',
  'ecs-agent': 'EcsAgent',
  'ecs-telemetry': 'EcsTelemetry',
  elasticloadbalancing: 'ElasticLoadBalancing',
  'kinesis-streams': 'KinesisStreams',
  'kinesis-firehose': 'KinesisFirehose',
};

/** `SsmMessagesEndpoint` for `ssmmessages`, `S3GatewayEndpoint` for a gateway endpoint to S3. */
export function endpointIdBase(service: string, gateway: boolean): string {
  const stem = ID_STEMS[service] ?? service.split(/[.-]/).map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');
  return `${stem}${gateway ? 'GatewayEndpoint' : 'Endpoint'}`;
}

/** `com.amazonaws.<region>.<service>`: the anchor's literal region, or `!Sub` with `${AWS::Region}`. */
export function serviceNameValue(service: string, region: string | undefined): TemplateValue {
  if (region !== undefined && region !== '${AWS::Region}') return `com.amazonaws.${region}.${service}`;
  return { 'Fn::Sub': `com.amazonaws.\${AWS::Region}.${service}` };
}

/** A new interface endpoint for `service` that copies the anchor's VPC, subnets, security groups, private DNS setting and condition. */
export function interfaceEndpointLike(template: Template, anchor: VpcEndpoint, service: string, region: string | undefined): { readonly logicalId: string; readonly intent: EditIntent } | undefined {
  const properties = anchor.resource.properties;
  const vpcId = valueOf(properties, 'VpcId');
  if (!vpcId) return undefined;
  const copied: Record<string, TemplateValue> = { VpcId: plainValueOf(vpcId), ServiceName: serviceNameValue(service, region), VpcEndpointType: 'Interface' };
  for (const key of ['PrivateDnsEnabled', 'SubnetIds', 'SecurityGroupIds']) {
    const node = valueOf(properties, key);
    if (node) copied[key] = plainValueOf(node);
  }
  const logicalId = freeLogicalId(template, endpointIdBase(service, false));
  const value: Record<string, TemplateValue> = { Type: 'AWS::EC2::VPCEndpoint' };
  if (anchor.condition !== undefined) value.Condition = anchor.condition;
  value.Properties = copied;
  return { logicalId, intent: { kind: 'addResource', file: anchor.file, logicalId, after: anchor.logicalId, value } };
}

/** A route table as a value written in `file`: `!Ref` a declared table, `!GetAtt Vpc.MainRouteTableId` for a main table. */
export function routeTableValue(table: RouteTableHandle, file: string): TemplateValue | undefined {
  if (table.kind === 'declared') return table.routeTable.file === file ? { Ref: table.routeTable.logicalId } : undefined;
  if (table.kind === 'main' && table.vpc.vpc && table.vpc.vpc.file === file) return { 'Fn::GetAtt': [table.vpc.vpc.logicalId, 'MainRouteTableId'] };
  return undefined;
}

/** The identity of a route table handle, to tell tables apart. */
export function routeTableKey(table: RouteTableHandle): string | undefined {
  return table.kind === 'unknown' ? undefined : table.key;
}

/**
 * The route tables a gateway endpoint for `service` should list: those of the subnets of the VPC's
 * workloads that need the service, else those of every subnet of the VPC; in subnet order, each once.
 */
export function routeTablesFor(model: NetworkModel, vpc: VpcHandle, service: string): RouteTableHandle[] {
  const needy = workloadsOfVpc(model, vpc, ANY_SCENARIO).filter((entry) =>
    entry.needs.needs.some((need) => need.service === service && need.level === 'required' && need.endpointKind !== 'interface'),
  );
  const subnets = needy.length > 0 ? [...new Set(needy.flatMap((entry) => entry.subnets))] : subnetsOfVpc(model, vpc.key, ANY_SCENARIO);
  const tables: RouteTableHandle[] = [];
  const keys = new Set<string>();
  for (const subnet of subnets) {
    const table = routeTableOfSubnet(model, subnet, ANY_SCENARIO);
    const key = routeTableKey(table);
    if (key === undefined || keys.has(key)) continue;
    keys.add(key);
    tables.push(table);
  }
  return tables;
}

/** A new gateway endpoint for `service` in the VPC, on `tables`, written in the VPC's file. */
export function gatewayEndpointIn(template: Template, vpc: Vpc, service: string, tables: readonly RouteTableHandle[], region: string | undefined): { readonly logicalId: string; readonly intent: EditIntent } | undefined {
  const values = tables.map((table) => routeTableValue(table, vpc.file));
  if (values.length === 0 || values.some((value) => value === undefined)) return undefined;
  const logicalId = freeLogicalId(template, endpointIdBase(service, true));
  const value: TemplateValue = {
    Type: 'AWS::EC2::VPCEndpoint',
    Properties: { VpcId: { Ref: vpc.logicalId }, ServiceName: serviceNameValue(service, region), VpcEndpointType: 'Gateway', RouteTableIds: values as TemplateValue[] },
  };
  return { logicalId, intent: { kind: 'addResource', file: vpc.file, logicalId, value } };
}

/** The first interface endpoint of the VPC (one with private DNS on preferred), for new endpoints to copy. */
export function interfaceAnchor(model: NetworkModel, vpc: VpcHandle, views: readonly { readonly endpoint: VpcEndpoint; readonly privateDns: boolean }[]): VpcEndpoint | undefined {
  const inVpc = views.filter((view) => vpcOf(model, view.endpoint, ANY_SCENARIO).key === vpc.key && view.endpoint.condition === undefined);
  return (inVpc.find((view) => view.privateDns) ?? inVpc[0])?.endpoint;
}

/**
 * One subnet of a VPC per Availability Zone for interface endpoints, from the template `file`, in
 * the order the zones first appear: a subnet without a route to the internet is preferred to one
 * with it. Where no zone is concrete, the one subnet that cannot share a zone with another when
 * `oneWithoutZones`, else none.
 */
export function subnetPerZone(model: NetworkModel, vpcKey: string, file: string, oneWithoutZones: boolean): Subnet[] {
  const candidates = subnetsOfVpc(model, vpcKey, ANY_SCENARIO).filter((subnet) => subnet.file === file && subnet.condition === undefined);
  const rank = (subnet: Subnet): number => {
    const access = internetAccessOf(model, subnet, ANY_SCENARIO);
    return !access.known ? 1 : access.value.internet ? 2 : 0;
  };
  const byZone = new Map<string, Subnet>();
  for (const subnet of candidates) {
    const zone = zoneOf(subnet, ANY_SCENARIO);
    if (zone.key === undefined || !zone.concrete) continue;
    const current = byZone.get(zone.key);
    if (!current || rank(subnet) < rank(current)) byZone.set(zone.key, subnet);
  }
  if (byZone.size === 0 && oneWithoutZones) {
    const best = [...candidates].sort((a, b) => rank(a) - rank(b))[0];
    return best ? [best] : [];
  }
  return [...byZone.values()];
}

/** Whether a need is one a gateway endpoint serves best (S3 and DynamoDB: gateway endpoints cost nothing). */
export function prefersGateway(service: string, kind: EndpointKind): boolean {
  return (service === 's3' || service === 'dynamodb') && kind !== 'interface';
}

/**
 * Whether the workspace declares an endpoint for the service in the VPC, under any condition: a fix
 * must not add a second one, which would clash with it where both exist.
 */
export function declaresEndpoint(model: NetworkModel, vpcKey: string | undefined, service: string, gateway: boolean): boolean {
  return model.vpcEndpoints.some((endpoint) => {
    if (vpcOf(model, endpoint, ANY_SCENARIO).key !== vpcKey) return false;
    const view = endpointView(model, endpoint, ANY_SCENARIO);
    const type = view.type.known ? view.type.value : undefined;
    return view.serviceName.known && view.serviceName.value.service === service && (gateway ? type === 'Gateway' : type === 'Interface');
  });
}
