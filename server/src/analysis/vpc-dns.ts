/**
 * The DNS attributes of a VPC with CloudFormation's defaults: `EnableDnsSupport` true,
 * `EnableDnsHostnames` false. Private DNS for interface endpoints needs both to be true.
 */
import { evaluateRef, exists, vpcHandle, type HostedZone, type NetworkModel, type Vpc } from '../model';
import { literalBoolean, symbolicString, type Scenario } from '../template';
import { known, unknownBecause, type Known } from './endpoints';
import { REGION_PLACEHOLDER } from './service-names';

export interface VpcDns {
  readonly enableDnsSupport: Known<boolean>;
  readonly enableDnsHostnames: Known<boolean>;
  /** Which attributes are omitted and so take their default. */
  readonly supportDefaulted: boolean;
  readonly hostnamesDefaulted: boolean;
}

export function vpcDns(vpc: Vpc, scenario: Scenario): VpcDns {
  const read = (ref: Vpc['enableDnsSupport'], fallback: boolean): Known<boolean> => {
    if (!ref) return known(fallback);
    const value = evaluateRef(ref, scenario);
    const bool = value ? literalBoolean(value) : undefined;
    return bool !== undefined ? known(bool) : unknownBecause(value?.kind === 'unknown' ? value.reason : 'the attribute is not a literal boolean');
  };
  return {
    enableDnsSupport: read(vpc.enableDnsSupport, true),
    enableDnsHostnames: read(vpc.enableDnsHostnames, false),
    supportDefaulted: vpc.enableDnsSupport === undefined,
    hostnamesDefaulted: vpc.enableDnsHostnames === undefined,
  };
}

/**
 * The name of a hosted zone that exists in the scenario, written as private DNS names are (lower
 * case, no final dot, `<region>` for `${AWS::Region}`); undefined when it does not exist or its name is unknown.
 */
export function hostedZoneName(zone: HostedZone, scenario: Scenario): string | undefined {
  if (!exists(zone, scenario)) return undefined;
  const name = symbolicString(evaluateRef(zone.name, scenario) ?? { kind: 'null' });
  return name?.toLowerCase().replace(/\.$/, '').split('${aws::region}').join(REGION_PLACEHOLDER);
}

/** Whether a hosted zone is associated with the VPC whose handle key is `vpcKey`. */
export function zoneAssociatedWith(model: NetworkModel, zone: HostedZone, vpcKey: string | undefined, scenario: Scenario): boolean {
  return vpcKey !== undefined && zone.vpcIds.some((ref) => vpcHandle(model, evaluateRef(ref, scenario)).key === vpcKey);
}
