/**
 * IP protocols and port ranges as security group rules and network ACL entries write them.
 * CloudFormation accepts protocol names (`tcp`, `udp`, `icmp`, `icmpv6`, in any case) and numbers,
 * as numbers or strings; `-1` means every protocol, and then ports do not matter. EC2 rejects `all`,
 * so a template that writes it is not analysed further (unknown, not "every protocol").
 * A protocol number other than TCP, UDP, ICMP and ICMPv6 opens every port of that protocol.
 */
import { literalInteger, literalString, type Value } from '../template';
import { known, unknownBecause, type Known } from './endpoints';

export const TCP = 6;
const UDP = 17;
const ICMP = 1;
const ICMPV6 = 58;

const NAMES: Readonly<Record<string, number>> = { tcp: TCP, udp: UDP, icmp: ICMP, icmpv6: ICMPV6 };

/** Every protocol, or one protocol number. */
export type Protocol = { readonly kind: 'all' } | { readonly kind: 'number'; readonly value: number };

/** An inclusive range of ports. */
export interface PortRange {
  readonly from: number;
  readonly to: number;
}

/** How much of some traffic a rule covers: its ports, or the addresses of a subnet. */
export type Coverage = 'all' | 'some' | 'none';

/** The ephemeral ports replies go to: the widest range the AWS network ACL guide names (1024-65535). */
export const EPHEMERAL_PORTS: PortRange = { from: 1024, to: 65535 };

export const HTTPS_PORT: PortRange = { from: 443, to: 443 };

/** Read an `IpProtocol` (security groups) or `Protocol` (network ACL entries) value. */
export function parseProtocol(value: Value | undefined): Known<Protocol> {
  if (value === undefined) return unknownBecause('the protocol is missing');
  if (value.kind === 'unknown') return unknownBecause(value.reason);
  const number = literalInteger(value);
  if (number !== undefined) {
    if (number === -1) return known({ kind: 'all' });
    if (number >= 0 && number <= 255) return known({ kind: 'number', value: number });
    return unknownBecause(`${number} is not a protocol number`);
  }
  const text = literalString(value)?.trim().toLowerCase();
  if (text === undefined) return unknownBecause('the protocol is not a literal');
  const named = NAMES[text];
  if (named !== undefined) return known({ kind: 'number', value: named });
  return unknownBecause(`"${text}" is not a protocol EC2 accepts`);
}

/** Whether a protocol carries TCP traffic. */
export function includesTcp(protocol: Protocol): boolean {
  return protocol.kind === 'all' || protocol.value === TCP;
}

/**
 * The TCP ports a rule with this protocol and port values opens: every port for `-1`, the range for
 * `tcp`. The range must be written with both ends; `-1` ends are only valid for ICMP.
 */
export function tcpPortsOf(protocol: Protocol, from: Value | undefined, to: Value | undefined): Known<PortRange> {
  if (protocol.kind === 'all') return known({ from: 0, to: 65535 });
  const start = from ? literalInteger(from) : undefined;
  const end = to ? literalInteger(to) : undefined;
  if (start === undefined || end === undefined) {
    const missing = [from, to].find((value) => value?.kind === 'unknown');
    return unknownBecause(missing?.kind === 'unknown' ? missing.reason : 'the port range is not written as two numbers');
  }
  if (start < 0 || end > 65535 || start > end) return unknownBecause(`${start}-${end} is not a TCP port range`);
  return known({ from: start, to: end });
}

/** How much of `wanted` a rule's range opens. */
export function portCoverage(range: PortRange, wanted: PortRange): Coverage {
  if (range.from <= wanted.from && range.to >= wanted.to) return 'all';
  if (range.to < wanted.from || range.from > wanted.to) return 'none';
  return 'some';
}

/** `TCP 443`, `TCP 1024-65535`. */
export function describePorts(range: PortRange): string {
  return range.from === range.to ? `TCP ${range.from}` : `TCP ${range.from}-${range.to}`;
}
