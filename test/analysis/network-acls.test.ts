/**
 * Network ACL evaluation: rule-number order, first match wins, deny before allow, the final deny,
 * ephemeral port ranges, protocol numbers, the default ACL of a subnet without an association, and
 * unknown values that never turn into a deny.
 */
import { strict as assert } from 'node:assert';
import { EPHEMERAL_PORTS, HTTPS_PORT, evaluateAcl, type AclDirection, type PortRange } from '../../server/src/analysis';
import { networkAclOfSubnet } from '../../server/src/model';
import { ANY_SCENARIO } from '../../server/src/template';
import { entity, modelOf } from './model-of';

interface Entry {
  readonly number: number | string;
  readonly action: string;
  readonly egress?: boolean;
  readonly protocol?: number | string;
  readonly cidr?: string;
  readonly ports?: readonly [number, number];
}

function template(entries: readonly Entry[], options: { associate?: boolean; extra?: string } = {}): string {
  const resources = entries
    .map(
      (entry, index) => `
  Entry${index}:
    Type: AWS::EC2::NetworkAclEntry
    Properties:
      NetworkAclId: ${options.associate === false ? '!GetAtt Vpc.DefaultNetworkAcl' : '!Ref Acl'}
      RuleNumber: ${entry.number}
      Protocol: ${entry.protocol ?? 6}
      RuleAction: ${entry.action}
      Egress: ${entry.egress ?? false}
      CidrBlock: ${entry.cidr ?? '0.0.0.0/0'}${entry.ports ? `\n      PortRange: { From: ${entry.ports[0]}, To: ${entry.ports[1]} }` : ''}`,
    )
    .join('');
  return `
Parameters:
  SomeCidr: { Type: String }
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.0.0.0/16 }
  ClientSubnet:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24 }
  EndpointSubnet:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.2.0/24 }
  Acl:
    Type: AWS::EC2::NetworkAcl
    Properties: { VpcId: !Ref Vpc }
${options.associate === false ? '' : `  Association:
    Type: AWS::EC2::SubnetNetworkAclAssociation
    Properties: { SubnetId: !Ref EndpointSubnet, NetworkAclId: !Ref Acl }
`}${resources}
${options.extra ?? ''}`;
}

/** The verdict of the endpoint subnet's ACL for traffic with the client subnet. */
function verdict(entries: readonly Entry[], direction: AclDirection, ports: PortRange, options: { associate?: boolean } = {}): string {
  const model = modelOf(template(entries, options));
  const acl = networkAclOfSubnet(model, entity(model, 'subnet', 'EndpointSubnet'), ANY_SCENARIO);
  const result = evaluateAcl(model, acl, direction, entity(model, 'subnet', 'ClientSubnet'), ports, 'ipv4', ANY_SCENARIO);
  if (result.kind === 'blocked') return result.ruleNumber === undefined ? 'blocked by the final deny' : `blocked by rule ${result.ruleNumber}`;
  return result.kind;
}

describe('network ACL evaluation', () => {
  const cases: readonly [string, readonly Entry[], AclDirection, PortRange, string, { associate?: boolean }?][] = [
    ['no entries: the final deny', [], 'inbound', HTTPS_PORT, 'blocked by the final deny'],
    ['an allow-all entry', [{ number: 100, action: 'allow', protocol: -1 }], 'inbound', HTTPS_PORT, 'allowed'],
    ['an egress entry does not allow inbound traffic', [{ number: 100, action: 'allow', protocol: -1, egress: true }], 'inbound', HTTPS_PORT, 'blocked by the final deny'],
    ['first match wins: deny 90 before allow 100', [{ number: 100, action: 'allow', protocol: -1 }, { number: 90, action: 'deny', ports: [443, 443] }], 'inbound', HTTPS_PORT, 'blocked by rule 90'],
    ['first match wins: allow 90 before deny 100', [{ number: 100, action: 'deny', protocol: -1 }, { number: 90, action: 'allow', ports: [443, 443] }], 'inbound', HTTPS_PORT, 'allowed'],
    ['rule numbers as strings sort numerically', [{ number: '200', action: 'allow', protocol: '-1' }, { number: '30', action: 'deny', protocol: '6', ports: [0, 65535] }], 'inbound', HTTPS_PORT, 'blocked by rule 30'],
    ['a deny for another CIDR does not match', [{ number: 90, action: 'deny', cidr: '192.168.0.0/16', ports: [443, 443] }, { number: 100, action: 'allow', protocol: -1 }], 'inbound', HTTPS_PORT, 'allowed'],
    ['an allow for the client subnet only', [{ number: 100, action: 'allow', cidr: '10.0.1.0/24', ports: [443, 443] }], 'inbound', HTTPS_PORT, 'allowed'],
    ['an allow for another subnet only', [{ number: 100, action: 'allow', cidr: '10.0.3.0/24', ports: [443, 443] }], 'inbound', HTTPS_PORT, 'blocked by the final deny'],
    ['an allow on another port only', [{ number: 100, action: 'allow', ports: [80, 80] }], 'inbound', HTTPS_PORT, 'blocked by the final deny'],
    ['UDP does not carry HTTPS', [{ number: 100, action: 'allow', protocol: 17, ports: [0, 65535] }], 'inbound', HTTPS_PORT, 'blocked by the final deny'],
    ['ephemeral replies allowed 1024-65535', [{ number: 100, action: 'allow', egress: true, ports: [1024, 65535] }], 'outbound', EPHEMERAL_PORTS, 'allowed'],
    ['ephemeral replies allowed only 32768-65535: depends on the client', [{ number: 100, action: 'allow', egress: true, ports: [32768, 65535] }], 'outbound', EPHEMERAL_PORTS, 'unknown'],
    ['two entries together cover the ephemeral range', [{ number: 100, action: 'allow', egress: true, ports: [32768, 65535] }, { number: 110, action: 'allow', egress: true, ports: [1024, 65535] }], 'outbound', EPHEMERAL_PORTS, 'allowed'],
    ['ephemeral replies only on 443', [{ number: 100, action: 'allow', egress: true, ports: [443, 443] }], 'outbound', EPHEMERAL_PORTS, 'blocked by the final deny'],
    ['a deny for part of the client subnet, then allow all: unknown', [{ number: 90, action: 'deny', cidr: '10.0.1.0/25', ports: [443, 443] }, { number: 100, action: 'allow', protocol: -1 }], 'inbound', HTTPS_PORT, 'unknown'],
    ['a deny for part of the client subnet, then the final deny', [{ number: 90, action: 'deny', cidr: '10.0.1.0/25', ports: [443, 443] }], 'inbound', HTTPS_PORT, 'blocked by the final deny'],
    ['a deny from a parameter CIDR is unknown, not a deny', [{ number: 90, action: 'deny', cidr: '!Ref SomeCidr', ports: [443, 443] }, { number: 100, action: 'allow', protocol: -1 }], 'inbound', HTTPS_PORT, 'unknown'],
    ['the VPC CIDR covers the client subnet', [{ number: 100, action: 'allow', cidr: '!GetAtt Vpc.CidrBlock', ports: [443, 443] }], 'inbound', HTTPS_PORT, 'allowed'],
    ['no association: the default ACL allows everything', [], 'inbound', HTTPS_PORT, 'allowed', { associate: false }],
    ['an entry added to the default ACL before its rule 100', [{ number: 50, action: 'deny', ports: [443, 443] }], 'inbound', HTTPS_PORT, 'blocked by rule 50', { associate: false }],
  ];
  for (const [label, entries, direction, ports, expected, options] of cases) {
    it(label, () => assert.equal(verdict(entries, direction, ports, options), expected));
  }

  it('treats an association whose ACL is a parameter as unknown', () => {
    const model = modelOf(`
Parameters:
  AclId: { Type: String }
Resources:
  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }
  Subnet: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24 } }
  Association: { Type: AWS::EC2::SubnetNetworkAclAssociation, Properties: { SubnetId: !Ref Subnet, NetworkAclId: !Ref AclId } }
`);
    const subnet = entity(model, 'subnet', 'Subnet');
    const result = evaluateAcl(model, networkAclOfSubnet(model, subnet, ANY_SCENARIO), 'inbound', subnet, HTTPS_PORT, 'ipv4', ANY_SCENARIO);
    assert.equal(result.kind, 'unknown');
  });
});
