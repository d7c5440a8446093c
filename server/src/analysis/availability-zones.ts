/**
 * Availability Zone equality. Two subnets are in the same zone when both name the same literal
 * zone, both are `!Select [i, !GetAZs region]` with the same index and region, both use the same
 * `AvailabilityZoneId`, or both take the zone from the same parameter. Different literals, or
 * different indexes of one region's zone list, are different zones; anything else is unknown.
 */
import { evaluateRef, type Subnet } from '../model';
import { identityOf, literalString, type Scenario, type Value } from '../template';

export interface Zone {
  /** Equal for two subnets that are certainly in the same zone; undefined when nothing is known. */
  readonly key: string | undefined;
  /** How the zone reads in messages: `us-east-1a`, `the 1st AZ`, `AZ id use1-az1`, or why it is unknown. */
  readonly label: string;
  /** Whether the key names a concrete zone that differs from every other concrete key. */
  readonly concrete: boolean;
}

const ORDINALS = ['1st', '2nd', '3rd'];

/** The Availability Zone of a subnet under a scenario. */
export function zoneOf(subnet: Subnet, scenario: Scenario): Zone {
  if (subnet.availabilityZone) return zoneOfValue(evaluateRef(subnet.availabilityZone, scenario));
  if (subnet.availabilityZoneId) {
    const value = evaluateRef(subnet.availabilityZoneId, scenario);
    const text = value ? literalString(value) : undefined;
    if (text !== undefined) return { key: `azid:${text}`, label: `AZ id ${text}`, concrete: true };
    const identity = value ? identityOf(value) : undefined;
    return { key: identity !== undefined ? `azid:${identity}` : undefined, label: 'an AZ id from a parameter', concrete: false };
  }
  return { key: undefined, label: 'a zone AWS chooses', concrete: false };
}

/** The zone an `AvailabilityZone` value names. */
export function zoneOfValue(value: Value | undefined): Zone {
  if (!value) return { key: undefined, label: 'an unknown zone', concrete: false };
  if (value.kind === 'az') {
    const ordinal = ORDINALS[value.index] ?? `${value.index + 1}th`;
    return { key: `az:${value.region}#${value.index}`, label: `the ${ordinal} AZ${value.region ? ` of ${value.region}` : ''}`, concrete: true };
  }
  const text = literalString(value);
  if (text !== undefined) return { key: `zone:${text}`, label: text, concrete: true };
  const identity = identityOf(value);
  return { key: identity, label: value.kind === 'unknown' ? `an unknown zone (${value.reason})` : 'an unknown zone', concrete: false };
}

/**
 * Whether two zones are certainly the same (true), certainly different (false), or unknown.
 * Zones of different kinds (a literal and an index) cannot be compared.
 */
export function sameZone(a: Zone, b: Zone): boolean | undefined {
  if (a.key === undefined || b.key === undefined) return undefined;
  if (a.key === b.key) return true;
  const kind = (key: string) => key.slice(0, key.indexOf(':'));
  if (a.concrete && b.concrete && kind(a.key) === kind(b.key)) {
    // Indexes into the zone lists of two different regions are not comparable.
    if (kind(a.key) === 'az' && a.key.slice(0, a.key.indexOf('#')) !== b.key.slice(0, b.key.indexOf('#'))) return undefined;
    return false;
  }
  return undefined;
}
