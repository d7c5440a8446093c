/**
 * `endpoint-uses-default-sg`: an interface endpoint without security groups gets the VPC's default
 * security group, which admits only members of that same group; the same holds when it names the
 * default group explicitly and the template adds no ingress to it.
 */
import { evaluateRef, exists, ruleGroupValue, vpcOf } from '../model';
import { isInterface, vpcLabel } from '../analysis';
import { identityOf, literalString, type Value } from '../template';
import { endpointReport, forEachEndpoint, keyRange, quoted, valueRange } from './helpers';
import { entityFromData, freeLogicalId, nodeValue } from './fix-helpers';
import type { EditIntent, Rule, TemplateValue } from './rule';

export const rule: Rule = {
  meta: {
    id: 'endpoint-uses-default-sg',
    description: "An interface endpoint that relies on the VPC's default security group admits only members of that group.",
    category: 'endpoint',
    defaultSeverity: 'warning',
    fixable: true,
  },
  check(ctx) {
    return forEachEndpoint(ctx, (view, scenario) => {
      if (!isInterface(view)) return undefined;
      const endpoint = view.endpoint;
      const groups = view.securityGroups;
      if (groups.unknownReason !== undefined) return undefined;
      const consequence = `which admits only members of that same group`;
      const effect = `calls to ${view.displayName} from other clients will time out`;
      if (groups.items.length === 0) {
        return endpointReport(
          endpoint,
          endpoint.securityGroupIds ? valueRange(endpoint, endpoint.securityGroupIds) : keyRange(endpoint),
          `Endpoint ${quoted(endpoint)} has no security groups, so it gets the default security group of VPC ${vpcLabel(view.vpc)}, ${consequence}: ${effect}.`,
          { data: { endpoint: endpoint.id, reason: 'missing' } },
        );
      }
      const defaultGroup = groups.items.find((item) => item.value.kind === 'getAtt' && item.value.attribute === 'DefaultSecurityGroup');
      if (!defaultGroup || groups.items.length > 1) return undefined;
      const key = identityOf(defaultGroup.value);
      const opened = ctx.model.securityGroupRules.some((rule) => rule.direction === 'ingress' && exists(rule.owner, scenario) && identityOf(ruleGroupValue(rule, scenario) ?? { kind: 'null' }) === key);
      if (opened) return undefined;
      return endpointReport(
        endpoint,
        defaultGroup.node.range,
        `Endpoint ${quoted(endpoint)} uses the default security group of VPC ${vpcLabel(view.vpc)}, ${consequence}, and the template adds no ingress to it: ${effect}.`,
        { data: { endpoint: endpoint.id, reason: 'explicit-default' } },
      );
    });
  },
  fix(ctx, finding) {
    const endpoint = entityFromData(ctx, finding.data, 'endpoint', 'vpcEndpoint');
    const template = endpoint ? ctx.files.get(endpoint.file)?.template : undefined;
    if (!endpoint || !template || !endpoint.vpcId) return [];
    const vpc = vpcOf(ctx.model, endpoint).vpc;
    // The new group admits the VPC's CIDR block, written as a reference when the VPC is in the same template.
    const cidr: TemplateValue | undefined = vpc && vpc.file === endpoint.file ? { 'Fn::GetAtt': [vpc.logicalId, 'CidrBlock'] } : literalCidr(vpc?.cidrBlock ? evaluateRef(vpc.cidrBlock) : undefined);
    if (cidr === undefined) return [];
    const groupId = freeLogicalId(template, `${endpoint.logicalId}SecurityGroup`);
    const group: TemplateValue = {
      Type: 'AWS::EC2::SecurityGroup',
      Properties: {
        GroupDescription: `HTTPS from the VPC to endpoint ${endpoint.logicalId}`,
        VpcId: nodeValue(endpoint.vpcId.node),
        SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: cidr }],
      },
    };
    const reference: TemplateValue = { Ref: groupId };
    const intents: EditIntent[] = [{ kind: 'addResource', file: endpoint.file, logicalId: groupId, after: endpoint.logicalId, value: group }];
    const list = endpoint.securityGroupIds?.node;
    if (finding.data?.reason === 'explicit-default' && list?.kind === 'seq') {
      const item = list.items.find((entry) => entry.range[0] === finding.range[0] && entry.range[1] === finding.range[1]);
      if (!item) return [];
      intents.push({ kind: 'replaceNode', file: endpoint.file, node: item, value: reference });
    } else {
      intents.push({ kind: 'setResourceValue', file: endpoint.file, logicalId: endpoint.logicalId, path: ['Properties', 'SecurityGroupIds'], value: [reference] });
    }
    return [{ title: `Create security group "${groupId}" that admits HTTPS from the VPC, and use it for ${quoted(endpoint)}`, preferred: true, intents }];
  },
};

function literalCidr(value: Value | undefined): TemplateValue | undefined {
  const text = value ? literalString(value) : undefined;
  return text !== undefined && /^[0-9a-fA-F:.]+\/\d+$/.test(text) ? text : undefined;
}
