/**
 * IPv4 and IPv6 CIDR blocks: parsing, containment and overlap. Addresses are parsed by `ipaddr.js`;
 * this file only compares prefixes. IPv4 blocks must be written as four decimal parts, as EC2
 * requires, so that `10.1/16` or `0x0a.0.0.0/8` are invalid rather than silently reinterpreted.
 */
import * as ipaddr from 'ipaddr.js';

export type IpFamily = 'ipv4' | 'ipv6';

export interface Cidr {
  readonly family: IpFamily;
  /** The network address: the written address with its host bits cleared. */
  readonly network: ipaddr.IPv4 | ipaddr.IPv6;
  readonly prefix: number;
  /** The block as written, trimmed. */
  readonly text: string;
}

/** How two blocks relate (CIDR blocks nest or are disjoint). `equal` also counts as containing and as within. */
export type CidrRelation = 'equal' | 'contains' | 'within' | 'disjoint';

/** Parse an IPv4 or IPv6 CIDR block; undefined when it is not one. */
export function parseCidr(text: string): Cidr | undefined {
  // Reachability asks for the same few blocks thousands of times; parsed blocks are immutable values.
  if (PARSED.has(text)) return PARSED.get(text);
  if (PARSED.size >= MAX_PARSED) PARSED.clear();
  const parsed = parseCidrText(text);
  PARSED.set(text, parsed);
  return parsed;
}

const PARSED = new Map<string, Cidr | undefined>();
const MAX_PARSED = 10_000;

function parseCidrText(text: string): Cidr | undefined {
  const trimmed = text.trim();
  if (ipaddr.IPv4.isValidCIDRFourPartDecimal(trimmed)) {
    const [, prefix] = ipaddr.IPv4.parseCIDR(trimmed);
    return { family: 'ipv4', network: ipaddr.IPv4.networkAddressFromCIDR(trimmed), prefix, text: trimmed };
  }
  if (trimmed.includes(':') && ipaddr.IPv6.isValidCIDR(trimmed)) {
    const [address, prefix] = ipaddr.IPv6.parseCIDR(trimmed);
    // A zone id has no meaning in a CIDR block.
    if (address.zoneId !== undefined) return undefined;
    return { family: 'ipv6', network: ipaddr.IPv6.networkAddressFromCIDR(trimmed), prefix, text: trimmed };
  }
  return undefined;
}

/** Whether `outer` contains every address of `inner` (blocks of different families never do). */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  if (outer.family !== inner.family || outer.prefix > inner.prefix) return false;
  return inner.network.match(outer.network, outer.prefix);
}

/** Whether two blocks share at least one address. */
export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return cidrContains(a, b) || cidrContains(b, a);
}

/** How `a` relates to `b`. Two CIDR blocks either nest or are disjoint; blocks of different families are disjoint. */
export function compareCidrs(a: Cidr, b: Cidr): CidrRelation {
  const aContainsB = cidrContains(a, b);
  const bContainsA = cidrContains(b, a);
  if (aContainsB && bContainsA) return 'equal';
  if (aContainsB) return 'contains';
  if (bContainsA) return 'within';
  return 'disjoint';
}

/** Whether a block is the whole address space of its family (`0.0.0.0/0`, `::/0`). */
export function isEverything(cidr: Cidr): boolean {
  return cidr.prefix === 0;
}

/** The block in canonical form: `10.0.0.0/16`, `2001:db8::/56`. */
export function formatCidr(cidr: Cidr): string {
  return `${cidr.network.toString()}/${cidr.prefix}`;
}
