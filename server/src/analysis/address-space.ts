/**
 * How a CIDR block written in a rule covers the addresses of a subnet: all of them, some, or none.
 * Known blocks are compared with `cidr.ts`. When the subnet's block is not known, its VPC still
 * bounds it: a subnet lies inside its VPC's CIDR blocks, so `!GetAtt Vpc.CidrBlock` (or the same
 * parameter the VPC uses) covers every subnet of a VPC without secondary IPv4 blocks, and a known
 * rule block that contains (or misses) every block of the VPC covers all (or none) of the subnet.
 */
import { evaluateRef, exists, vpcOf, type NetworkModel, type Subnet, type Vpc } from '../model';
import { identityOf, literalString, type Scenario, type Value } from '../template';
import { compareCidrs, isEverything, parseCidr, type Cidr, type IpFamily } from './cidr';
import { known, unknownBecause, type Known } from './endpoints';
import type { Coverage } from './protocols';

/** A CIDR value as written, parsed when it is a literal. */
export function cidrOfValue(value: Value | undefined): Known<Cidr> {
  if (value === undefined) return unknownBecause('the CIDR block is missing');
  if (value.kind === 'unknown') return unknownBecause(value.reason);
  const text = literalString(value);
  if (text === undefined) return unknownBecause('the CIDR block is not a literal');
  const cidr = parseCidr(text);
  return cidr ? known(cidr) : unknownBecause(`"${text}" is not a CIDR block`);
}

/** A subnet's IPv4 (`CidrBlock`) or IPv6 (`Ipv6CidrBlock`) block. */
export function subnetCidr(subnet: Subnet, family: IpFamily, scenario: Scenario): Known<Cidr> {
  const ref = family === 'ipv4' ? subnet.cidrBlock : subnet.ipv6CidrBlock;
  if (!ref) return unknownBecause(`subnet "${subnet.logicalId}" has no ${family === 'ipv4' ? 'CidrBlock' : 'Ipv6CidrBlock'}`);
  const cidr = cidrOfValue(evaluateRef(ref, scenario));
  return cidr.known ? cidr : unknownBecause(`the CIDR block of subnet "${subnet.logicalId}" is unknown: ${cidr.reason}`);
}

/** The IPv4 blocks of a declared VPC: its `CidrBlock` and its `AWS::EC2::VPCCidrBlock` resources, as values. */
function vpcIpv4Blocks(model: NetworkModel, vpc: Vpc, scenario: Scenario): Value[] {
  const blocks: Value[] = [];
  const primary = evaluateRef(vpc.cidrBlock, scenario);
  blocks.push(primary ?? { kind: 'getAtt', target: { file: vpc.file, logicalId: vpc.logicalId }, attribute: 'CidrBlock' });
  for (const block of model.vpcCidrBlocks) {
    if (!block.cidrBlock || !exists(block, scenario)) continue;
    if (vpcOf(model, block, scenario).vpc !== vpc) continue;
    blocks.push(evaluateRef(block.cidrBlock, scenario) ?? { kind: 'null' });
  }
  return blocks;
}

/** How a rule's CIDR value covers the addresses of `subnet` in one address family. */
export function subnetCoverage(model: NetworkModel, rule: Value | undefined, subnet: Subnet, family: IpFamily, scenario: Scenario): Known<Coverage> {
  const ruleCidr = cidrOfValue(rule);
  if (ruleCidr.known) {
    if (ruleCidr.value.family !== family) return known('none');
    if (isEverything(ruleCidr.value)) return known('all');
  }
  const own = subnetCidr(subnet, family, scenario);
  if (ruleCidr.known && own.known) return known(coverageOf(ruleCidr.value, own.value));
  if (family === 'ipv6') return unknownBecause(ruleCidr.known ? (own.known ? '' : own.reason) : ruleCidr.reason);

  // The subnet's own block is unknown, or the rule's is: fall back on the blocks of its VPC.
  const vpc = vpcOf(model, subnet, scenario).vpc;
  if (vpc) {
    const blocks = vpcIpv4Blocks(model, vpc, scenario);
    const ruleIdentity = rule ? identityOf(rule) : undefined;
    if (blocks.length === 1 && ruleIdentity !== undefined && identityOf(blocks[0] as Value) === ruleIdentity) return known('all');
    if (ruleCidr.known) {
      const vpcCidrs = blocks.map((block) => cidrOfValue(block));
      if (vpcCidrs.every((cidr) => cidr.known)) {
        const relations = vpcCidrs.map((cidr) => compareCidrs(ruleCidr.value, (cidr as { value: Cidr }).value));
        if (relations.every((relation) => relation === 'equal' || relation === 'contains')) return known('all');
        if (relations.every((relation) => relation === 'disjoint')) return known('none');
      }
    }
  }
  return unknownBecause(!ruleCidr.known ? ruleCidr.reason : own.known ? 'the CIDR block cannot be compared' : own.reason);
}

/** How a rule block covers a subnet block: all of it, part of it, or none of it. */
export function coverageOf(rule: Cidr, subnet: Cidr): Coverage {
  switch (compareCidrs(rule, subnet)) {
    case 'equal':
    case 'contains':
      return 'all';
    case 'within':
      return 'some';
    case 'disjoint':
      return 'none';
  }
}
