/**
 * `Fn::Cidr`: the list of `count` subnets with `cidrBits` host bits carved from an IPv4 or IPv6 block,
 * computed as CloudFormation does, on `ipaddr.js` for address parsing and formatting.
 */
import * as ipaddr from 'ipaddr.js';

/** The CIDR blocks `Fn::Cidr [ipBlock, count, cidrBits]` returns, or undefined when the arguments are invalid. */
export function cidrSubnets(ipBlock: string, count: number, cidrBits: number): string[] | undefined {
  let parsed: [ipaddr.IPv4 | ipaddr.IPv6, number];
  try {
    parsed = ipaddr.parseCIDR(ipBlock.trim());
  } catch {
    return undefined;
  }
  const [address, prefix] = parsed;
  const width = address.kind() === 'ipv4' ? 32 : 128;
  const newPrefix = width - cidrBits;
  if (!Number.isInteger(count) || count < 1 || count > 256 || !Number.isInteger(cidrBits) || cidrBits < 0) return undefined;
  if (newPrefix < prefix || newPrefix > width) return undefined;
  if (BigInt(count) > 1n << BigInt(newPrefix - prefix)) return undefined;
  const base = toBigInt(address.toByteArray()) & maskOf(prefix, width);
  const step = 1n << BigInt(cidrBits);
  const result: string[] = [];
  for (let i = 0n; i < BigInt(count); i++) {
    result.push(`${formatAddress(base + i * step, width)}/${newPrefix}`);
  }
  return result;
}

function toBigInt(bytes: number[]): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}

function maskOf(prefix: number, width: number): bigint {
  const all = (1n << BigInt(width)) - 1n;
  return prefix === 0 ? 0n : (all >> BigInt(width - prefix)) << BigInt(width - prefix);
}

function formatAddress(value: bigint, width: number): string {
  const bytes: number[] = [];
  for (let i = width / 8 - 1; i >= 0; i--) bytes.push(Number((value >> BigInt(i * 8)) & 0xffn));
  return ipaddr.fromByteArray(bytes).toString();
}
