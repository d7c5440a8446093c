/**
 * CIDR math: parsing IPv4 and IPv6 blocks (invalid input included), containment, overlap and how
 * two blocks relate.
 */
import { strict as assert } from 'node:assert';
import { cidrContains, cidrsOverlap, compareCidrs, formatCidr, isEverything, parseCidr, type Cidr } from '../../server/src/analysis';

function cidr(text: string): Cidr {
  const parsed = parseCidr(text);
  assert.ok(parsed, `${text} parses`);
  return parsed;
}

describe('parseCidr', () => {
  const valid: readonly [string, string, 'ipv4' | 'ipv6', number][] = [
    ['10.0.0.0/16', '10.0.0.0/16', 'ipv4', 16],
    [' 172.30.4.0/24 ', '172.30.4.0/24', 'ipv4', 24],
    ['10.0.0.5/16', '10.0.0.0/16', 'ipv4', 16],
    ['0.0.0.0/0', '0.0.0.0/0', 'ipv4', 0],
    ['10.1.2.3/32', '10.1.2.3/32', 'ipv4', 32],
    ['2001:db8::/56', '2001:db8::/56', 'ipv6', 56],
    ['2001:db8:0:1::/64', '2001:db8:0:1::/64', 'ipv6', 64],
    ['::/0', '::/0', 'ipv6', 0],
  ];
  for (const [text, canonical, family, prefix] of valid) {
    it(`reads ${JSON.stringify(text)}`, () => {
      const parsed = cidr(text);
      assert.equal(parsed.family, family);
      assert.equal(parsed.prefix, prefix);
      assert.equal(formatCidr(parsed), canonical);
    });
  }

  const invalid = ['', 'abc', '10.0.0.0', '10.0.0.0/33', '10.0.0/24', '10.1/16', '0x0a.0.0.0/8', '256.0.0.0/8', '10.0.0.0/-1', '2001:db8::/129', '2001:db8::g/64', '${VpcCidr}', 'fe80::1%eth0/64'];
  for (const text of invalid) {
    it(`refuses ${JSON.stringify(text)}`, () => assert.equal(parseCidr(text), undefined));
  }
});

describe('CIDR containment and overlap', () => {
  const cases: readonly [string, string, ReturnType<typeof compareCidrs>][] = [
    ['10.0.0.0/16', '10.0.0.0/16', 'equal'],
    ['10.0.0.0/16', '10.0.1.0/24', 'contains'],
    ['10.0.1.0/24', '10.0.0.0/16', 'within'],
    ['10.0.1.0/24', '10.0.2.0/24', 'disjoint'],
    ['172.30.4.0/24', '172.30.0.0/24', 'disjoint'],
    ['0.0.0.0/0', '192.168.1.0/24', 'contains'],
    ['10.0.0.0/8', '10.255.255.255/32', 'contains'],
    ['2001:db8::/56', '2001:db8:0:1::/64', 'contains'],
    ['2001:db8:0:100::/56', '2001:db8::/56', 'disjoint'],
    ['::/0', '2001:db8::/64', 'contains'],
    ['0.0.0.0/0', '2001:db8::/64', 'disjoint'],
    ['::/0', '10.0.0.0/16', 'disjoint'],
  ];
  for (const [a, b, relation] of cases) {
    it(`${a} and ${b}: ${relation}`, () => {
      assert.equal(compareCidrs(cidr(a), cidr(b)), relation);
      assert.equal(cidrContains(cidr(a), cidr(b)), relation === 'equal' || relation === 'contains');
      assert.equal(cidrsOverlap(cidr(a), cidr(b)), relation !== 'disjoint');
      assert.equal(cidrsOverlap(cidr(b), cidr(a)), relation !== 'disjoint');
    });
  }

  it('knows the whole address space', () => {
    assert.equal(isEverything(cidr('0.0.0.0/0')), true);
    assert.equal(isEverything(cidr('::/0')), true);
    assert.equal(isEverything(cidr('10.0.0.0/8')), false);
  });
});
