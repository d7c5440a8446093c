/**
 * Extraction of security groups with their inline rules, and of standalone
 * `AWS::EC2::SecurityGroupIngress` / `AWS::EC2::SecurityGroupEgress` resources.
 * A standalone rule names its group through `GroupId`, which analysis resolves per scenario.
 */
import type { Node } from '../syntax';
import type { EntityBase, RuleDirection, SecurityGroup, SecurityGroupRule } from './network-model';
import { nodeRef, propertyRef } from './node-ref';

/** A security group and its inline rules. */
export function extractSecurityGroup(base: EntityBase): { group: SecurityGroup; rules: SecurityGroupRule[] } {
  const group: SecurityGroup = {
    ...base,
    kind: 'securityGroup',
    vpcId: propertyRef(base, 'VpcId'),
    declaresEgress: propertyRef(base, 'SecurityGroupEgress') !== undefined,
  };
  const rules: SecurityGroupRule[] = [];
  for (const direction of ['ingress', 'egress'] as const) {
    const list = propertyRef(base, direction === 'ingress' ? 'SecurityGroupIngress' : 'SecurityGroupEgress');
    if (list?.node.kind !== 'seq') continue;
    for (const item of list.node.items) {
      if (item.kind !== 'map') continue;
      rules.push(ruleOf(base, direction, item, undefined, false));
    }
  }
  return { group, rules };
}

/** A standalone ingress or egress rule resource, or undefined when it has no properties. */
export function extractStandaloneRule(base: EntityBase, direction: RuleDirection): SecurityGroupRule | undefined {
  const properties = base.resource.properties;
  if (!properties) return undefined;
  const groupId = propertyRef(base, 'GroupId') ?? propertyRef(base, 'GroupName');
  if (!groupId) return undefined;
  return ruleOf(base, direction, properties, groupId, true);
}

function ruleOf(base: EntityBase, direction: RuleDirection, node: Node, groupId: SecurityGroupRule['groupId'], standalone: boolean): SecurityGroupRule {
  const r = (key: string) => nodeRef(base, node, key);
  return {
    kind: 'sgRule',
    direction,
    owner: base,
    groupId,
    node,
    standalone,
    ipProtocol: r('IpProtocol'),
    fromPort: r('FromPort'),
    toPort: r('ToPort'),
    cidrIp: r('CidrIp'),
    cidrIpv6: r('CidrIpv6'),
    peerGroupId: direction === 'ingress' ? r('SourceSecurityGroupId') : r('DestinationSecurityGroupId'),
    peerGroupName: direction === 'ingress' ? r('SourceSecurityGroupName') : undefined,
    prefixListId: direction === 'ingress' ? r('SourcePrefixListId') : r('DestinationPrefixListId'),
  };
}
