/**
 * The associations of a subnet under a scenario: its route table and its network ACL. Where the
 * template declares no association, the VPC's main route table and default network ACL stand in,
 * as they do in EC2. The routes of a route table include those written against
 * `!GetAtt Vpc.MainRouteTableId`, the entries of a network ACL those added to
 * `!GetAtt Vpc.DefaultNetworkAcl`, and a route table knows the gateway endpoints that list it.
 */
import { identityOf, type Scenario, type Value } from '../template';
import type {
  NetworkAcl,
  NetworkAclEntry,
  NetworkModel,
  Route,
  RouteTable,
  Subnet,
  SubnetNetworkAclAssociation,
  SubnetRouteTableAssociation,
  Vpc,
  VpcEndpoint,
} from './network-model';
import { entityOfKind, evaluateRef, exists, listOf, vpcOf, type VpcHandle } from './resolve';

/** The route table a subnet uses. */
export type RouteTableHandle =
  | {
      readonly kind: 'declared';
      /** The identity every reference to this route table shares (`ref:file#Id`). */
      readonly key: string;
      readonly routeTable: RouteTable;
      readonly association: SubnetRouteTableAssociation;
    }
  | {
      /** The VPC's main route table: no association, or an association with `!GetAtt Vpc.MainRouteTableId`. */
      readonly kind: 'main';
      /** `att:file#Vpc.MainRouteTableId` when the VPC is declared; undefined for a VPC the workspace does not declare. */
      readonly key: string | undefined;
      readonly vpc: VpcHandle;
      readonly association: SubnetRouteTableAssociation | undefined;
    }
  | { readonly kind: 'unknown'; readonly reason: string };

/** The network ACL a subnet uses. */
export type NetworkAclHandle =
  | {
      readonly kind: 'declared';
      readonly key: string;
      readonly networkAcl: NetworkAcl;
      readonly association: SubnetNetworkAclAssociation;
    }
  | {
      /** The VPC's default network ACL: no association, or an association with `!GetAtt Vpc.DefaultNetworkAcl`. */
      readonly kind: 'default';
      /** `att:file#Vpc.DefaultNetworkAcl` when the VPC is declared. */
      readonly key: string | undefined;
      readonly vpc: VpcHandle;
      readonly association: SubnetNetworkAclAssociation | undefined;
    }
  | { readonly kind: 'unknown'; readonly reason: string };

/** The identity of a declared resource's `Ref`: what references to it evaluate to. */
export function refKey(entity: { readonly file: string; readonly logicalId: string }): string {
  return `ref:${entity.file}#${entity.logicalId}`;
}

/** The identity of `!GetAtt <Vpc>.<attribute>` for a declared VPC. */
export function vpcAttributeKey(vpc: Vpc, attribute: 'MainRouteTableId' | 'DefaultNetworkAcl' | 'DefaultSecurityGroup'): string {
  return `att:${vpc.file}#${vpc.logicalId}.${attribute}`;
}

/** Whether a value is `!GetAtt <Vpc>.<attribute>` of a VPC the model declares, and which VPC. */
export function vpcAttributeOf(model: NetworkModel, value: Value | undefined, attribute: string): Vpc | undefined {
  if (value?.kind !== 'getAtt' || value.attribute !== attribute) return undefined;
  return entityOfKind(model, { kind: 'ref', target: value.target }, 'vpc');
}

/** The route table of a subnet: its association's table, else the VPC's main route table. */
export function routeTableOfSubnet(model: NetworkModel, subnet: Subnet, scenario: Scenario): RouteTableHandle {
  const associations = model.routeTableAssociations.filter((association) => identityOf(evaluateRef(association.subnetId, scenario) ?? { kind: 'null' }) === refKey(subnet) && exists(association, scenario));
  const main = (association: SubnetRouteTableAssociation | undefined): RouteTableHandle => {
    const vpc = vpcOf(model, subnet, scenario);
    return { kind: 'main', key: vpc.vpc ? vpcAttributeKey(vpc.vpc, 'MainRouteTableId') : undefined, vpc, association };
  };
  if (associations.length === 0) return main(undefined);
  const handles = associations.map((association): RouteTableHandle => {
    const value = evaluateRef(association.routeTableId, scenario);
    const routeTable = entityOfKind(model, value, 'routeTable');
    if (routeTable) return { kind: 'declared', key: refKey(routeTable), routeTable, association };
    if (vpcAttributeOf(model, value, 'MainRouteTableId')) return main(association);
    return { kind: 'unknown', reason: value?.kind === 'unknown' ? value.reason : `the route table of association "${association.logicalId}" is not declared in the workspace` };
  });
  const first = handles[0] as RouteTableHandle;
  const distinct = new Set(handles.map(handleKey));
  if (distinct.size > 1) return { kind: 'unknown', reason: `subnet "${subnet.logicalId}" has ${handles.length} route table associations` };
  return first;
}

/** The network ACL of a subnet: its association's ACL, else the VPC's default network ACL. */
export function networkAclOfSubnet(model: NetworkModel, subnet: Subnet, scenario: Scenario): NetworkAclHandle {
  const associations = model.networkAclAssociations.filter((association) => identityOf(evaluateRef(association.subnetId, scenario) ?? { kind: 'null' }) === refKey(subnet) && exists(association, scenario));
  const fallback = (association: SubnetNetworkAclAssociation | undefined): NetworkAclHandle => {
    const vpc = vpcOf(model, subnet, scenario);
    return { kind: 'default', key: vpc.vpc ? vpcAttributeKey(vpc.vpc, 'DefaultNetworkAcl') : undefined, vpc, association };
  };
  if (associations.length === 0) return fallback(undefined);
  const handles = associations.map((association): NetworkAclHandle => {
    const value = evaluateRef(association.networkAclId, scenario);
    const networkAcl = entityOfKind(model, value, 'networkAcl');
    if (networkAcl) return { kind: 'declared', key: refKey(networkAcl), networkAcl, association };
    if (vpcAttributeOf(model, value, 'DefaultNetworkAcl')) return fallback(association);
    return { kind: 'unknown', reason: value?.kind === 'unknown' ? value.reason : `the network ACL of association "${association.logicalId}" is not declared in the workspace` };
  });
  const first = handles[0] as NetworkAclHandle;
  const distinct = new Set(handles.map(handleKey));
  if (distinct.size > 1) return { kind: 'unknown', reason: `subnet "${subnet.logicalId}" has ${handles.length} network ACL associations` };
  return first;
}

function handleKey(handle: RouteTableHandle | NetworkAclHandle): string {
  return handle.kind === 'unknown' ? `unknown:${handle.reason}` : `${handle.kind}:${handle.key ?? handle.kind}`;
}

/** The routes of a route table that exist in the scenario; undefined for a table whose routes the workspace cannot know. */
export function routesOfRouteTable(model: NetworkModel, table: RouteTableHandle, scenario: Scenario): Route[] | undefined {
  if (table.kind === 'unknown' || table.key === undefined) return undefined;
  const key = table.key;
  return model.routes.filter((route) => identityOf(evaluateRef(route.routeTableId, scenario) ?? { kind: 'null' }) === key && exists(route, scenario));
}

/**
 * The entries of a network ACL that the template declares and that exist in the scenario. The
 * default ACL's own allow-all entries are not resources; analysis adds them.
 */
export function entriesOfNetworkAcl(model: NetworkModel, acl: NetworkAclHandle, scenario: Scenario): NetworkAclEntry[] {
  if (acl.kind === 'unknown' || acl.key === undefined) return [];
  const key = acl.key;
  return model.networkAclEntries.filter((entry) => identityOf(evaluateRef(entry.networkAclId, scenario) ?? { kind: 'null' }) === key && exists(entry, scenario));
}

/** The gateway endpoints whose `RouteTableIds` list this route table, in the scenario. */
export function gatewayEndpointsOfRouteTable(model: NetworkModel, table: RouteTableHandle, scenario: Scenario): VpcEndpoint[] {
  if (table.kind === 'unknown' || table.key === undefined) return [];
  const key = table.key;
  return model.vpcEndpoints.filter(
    (endpoint) => endpoint.routeTableIds !== undefined && listOf(endpoint.routeTableIds, scenario).items.some((item) => identityOf(item.value) === key) && exists(endpoint, scenario),
  );
}
