/**
 * VPC endpoints under a scenario: their type (with CloudFormation's `Gateway` default), service and
 * the DNS names private DNS answers, whether private DNS is on (default false), their subnets,
 * security groups and route tables as items with the nodes they come from, and their VPC.
 */
import {
  evaluateRef,
  listOf,
  vpcOf,
  type EndpointType,
  type ListResult,
  type NetworkModel,
  type VpcEndpoint,
  type VpcHandle,
} from '../model';
import { literalBoolean, literalString, symbolicString, type Scenario } from '../template';
import { parseServiceName, primaryDnsName, privateDnsNames, type ServiceName } from './service-names';

/** A value that is known, or unknown with the reason why. */
export type Known<T> = { readonly known: true; readonly value: T } | { readonly known: false; readonly reason: string };

export const known = <T>(value: T): Known<T> => ({ known: true, value });
export const unknownBecause = <T>(reason: string): Known<T> => ({ known: false, reason });

export interface EndpointView {
  readonly endpoint: VpcEndpoint;
  readonly type: Known<EndpointType | string>;
  /** True when `VpcEndpointType` is omitted, so that the type is the `Gateway` default. */
  readonly typeDefaulted: boolean;
  readonly serviceName: Known<ServiceName>;
  /** The DNS names private DNS answers; empty when the service is not known. */
  readonly dnsNames: readonly string[];
  /** The main DNS name for messages, or the service name when none is known. */
  readonly displayName: string;
  readonly privateDns: Known<boolean>;
  /** True when `PrivateDnsEnabled` is omitted, so that private DNS is off by default. */
  readonly privateDnsDefaulted: boolean;
  readonly subnets: ListResult;
  readonly securityGroups: ListResult;
  readonly routeTables: ListResult;
  readonly vpc: VpcHandle;
}

/** Read an endpoint under a scenario. */
export function endpointView(model: NetworkModel, endpoint: VpcEndpoint, scenario: Scenario): EndpointView {
  const typeValue = evaluateRef(endpoint.vpcEndpointType, scenario);
  const typeText = typeValue ? literalString(typeValue) : 'Gateway';
  const type: Known<string> = typeText !== undefined ? known(typeText) : unknownBecause(typeValue?.kind === 'unknown' ? typeValue.reason : 'the endpoint type is not a literal');

  const serviceValue = evaluateRef(endpoint.serviceName, scenario);
  const serviceText = serviceValue ? symbolicString(serviceValue) : undefined;
  const serviceName: Known<ServiceName> =
    serviceText !== undefined ? known(parseServiceName(serviceText)) : unknownBecause(serviceValue?.kind === 'unknown' ? serviceValue.reason : 'the service name is missing');
  const dnsNames = serviceName.known ? privateDnsNames(serviceName.value) : [];

  const dnsValue = evaluateRef(endpoint.privateDnsEnabled, scenario);
  const dnsBoolean = dnsValue ? literalBoolean(dnsValue) : false;
  const privateDns: Known<boolean> = dnsBoolean !== undefined ? known(dnsBoolean) : unknownBecause(dnsValue?.kind === 'unknown' ? dnsValue.reason : 'PrivateDnsEnabled is not a literal boolean');

  return {
    endpoint,
    type,
    typeDefaulted: endpoint.vpcEndpointType === undefined,
    serviceName,
    dnsNames,
    displayName: (serviceName.known ? primaryDnsName(serviceName.value) : undefined) ?? (serviceName.known ? serviceName.value.full : `the service of "${endpoint.logicalId}"`),
    privateDns,
    privateDnsDefaulted: endpoint.privateDnsEnabled === undefined,
    subnets: listOf(endpoint.subnetIds, scenario),
    securityGroups: listOf(endpoint.securityGroupIds, scenario),
    routeTables: listOf(endpoint.routeTableIds, scenario),
    vpc: vpcOf(model, endpoint, scenario),
  };
}

/** Whether the view is certainly an interface endpoint. */
export function isInterface(view: EndpointView): boolean {
  return view.type.known && view.type.value === 'Interface';
}

/** Whether the view is certainly an interface endpoint with private DNS on. */
export function hasPrivateDns(view: EndpointView): boolean {
  return isInterface(view) && view.privateDns.known && view.privateDns.value;
}

/** The name of a VPC for messages: its logical id, or what is known about it. */
export function vpcLabel(vpc: VpcHandle): string {
  if (vpc.vpc) return `"${vpc.vpc.logicalId}"`;
  const value = vpc.value;
  if (value?.kind === 'string') return value.value;
  if (value?.kind === 'unknown' && value.identity?.startsWith('param:')) return `"${value.identity.slice(value.identity.lastIndexOf('#') + 1)}"`;
  return 'its VPC';
}
