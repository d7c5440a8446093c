/**
 * The DNS attributes of a VPC with CloudFormation's defaults: `EnableDnsSupport` true,
 * `EnableDnsHostnames` false. Private DNS for interface endpoints needs both to be true.
 */
import { evaluateRef, type Vpc } from '../model';
import { literalBoolean, type Scenario } from '../template';
import { known, unknownBecause, type Known } from './endpoints';

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
