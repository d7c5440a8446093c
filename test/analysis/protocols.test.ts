/**
 * Protocols and ports as security group rules and network ACL entries write them: names and numbers,
 * strings and numbers, `-1` for every protocol, and how a port range covers the ports of some traffic.
 */
import { strict as assert } from 'node:assert';
import { HTTPS_PORT, EPHEMERAL_PORTS, includesTcp, parseProtocol, portCoverage, tcpPortsOf, type Protocol } from '../../server/src/analysis';
import type { Value } from '../../server/src/template';

const s = (value: string): Value => ({ kind: 'string', value });
const n = (value: number): Value => ({ kind: 'number', value });

describe('parseProtocol', () => {
  const cases: readonly [string, Value | undefined, Protocol | 'unknown'][] = [
    ['tcp', s('tcp'), { kind: 'number', value: 6 }],
    ['TCP', s('TCP'), { kind: 'number', value: 6 }],
    ['"6"', s('6'), { kind: 'number', value: 6 }],
    ['6', n(6), { kind: 'number', value: 6 }],
    ['"-1"', s('-1'), { kind: 'all' }],
    ['-1', n(-1), { kind: 'all' }],
    ['udp', s('udp'), { kind: 'number', value: 17 }],
    ['icmp', s('icmp'), { kind: 'number', value: 1 }],
    ['icmpv6', s('icmpv6'), { kind: 'number', value: 58 }],
    ['"50" (ESP)', s('50'), { kind: 'number', value: 50 }],
    ['all (EC2 rejects it)', s('all'), 'unknown'],
    ['256', n(256), 'unknown'],
    ['a parameter without default', { kind: 'unknown', reason: 'parameter "P" has no default' }, 'unknown'],
    ['missing', undefined, 'unknown'],
  ];
  for (const [label, value, expected] of cases) {
    it(`reads ${label}`, () => {
      const result = parseProtocol(value);
      if (expected === 'unknown') assert.equal(result.known, false);
      else assert.deepEqual(result, { known: true, value: expected });
    });
  }

  it('tells which protocols carry TCP', () => {
    assert.equal(includesTcp({ kind: 'all' }), true);
    assert.equal(includesTcp({ kind: 'number', value: 6 }), true);
    assert.equal(includesTcp({ kind: 'number', value: 17 }), false);
  });
});

describe('tcpPortsOf', () => {
  const tcp: Protocol = { kind: 'number', value: 6 };
  const cases: readonly [string, Protocol, Value | undefined, Value | undefined, { from: number; to: number } | 'unknown'][] = [
    ['443-443', tcp, n(443), n(443), { from: 443, to: 443 }],
    ['"0"-"65535" as strings', tcp, s('0'), s('65535'), { from: 0, to: 65535 }],
    ['-1 protocol ignores ports', { kind: 'all' }, n(22), n(22), { from: 0, to: 65535 }],
    ['-1 protocol without ports', { kind: 'all' }, undefined, undefined, { from: 0, to: 65535 }],
    ['tcp with -1 ports (only valid for ICMP)', tcp, n(-1), n(-1), 'unknown'],
    ['tcp without ports', tcp, undefined, undefined, 'unknown'],
    ['reversed range', tcp, n(500), n(400), 'unknown'],
    ['port from a parameter', tcp, { kind: 'unknown', reason: 'parameter "Port" has no default' }, n(443), 'unknown'],
  ];
  for (const [label, protocol, from, to, expected] of cases) {
    it(label, () => {
      const result = tcpPortsOf(protocol, from, to);
      if (expected === 'unknown') assert.equal(result.known, false);
      else assert.deepEqual(result, { known: true, value: expected });
    });
  }
});

describe('portCoverage', () => {
  const cases: readonly [{ from: number; to: number }, { from: number; to: number }, 'all' | 'some' | 'none'][] = [
    [{ from: 443, to: 443 }, HTTPS_PORT, 'all'],
    [{ from: 0, to: 65535 }, HTTPS_PORT, 'all'],
    [{ from: 80, to: 80 }, HTTPS_PORT, 'none'],
    [{ from: 444, to: 1000 }, HTTPS_PORT, 'none'],
    [{ from: 1024, to: 65535 }, EPHEMERAL_PORTS, 'all'],
    [{ from: 32768, to: 65535 }, EPHEMERAL_PORTS, 'some'],
    [{ from: 0, to: 1023 }, EPHEMERAL_PORTS, 'none'],
    [{ from: 1000, to: 2000 }, EPHEMERAL_PORTS, 'some'],
  ];
  for (const [range, wanted, expected] of cases) {
    it(`${range.from}-${range.to} covers ${expected} of ${wanted.from}-${wanted.to}`, () => assert.equal(portCoverage(range, wanted), expected));
  }
});
