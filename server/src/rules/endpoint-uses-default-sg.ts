/**
 * `endpoint-uses-default-sg`: an interface endpoint without security groups gets the VPC's default
 * security group, which admits only members of that same group; the same holds when it names the
 * default group explicitly and the template adds no ingress to it.
 */
import { exists, ruleGroupValue } from '../model';
import { isInterface, vpcLabel } from '../analysis';
import { identityOf } from '../template';
import { endpointReport, forEachEndpoint, keyRange, quoted, valueRange } from './helpers';
import { dedicatedGroupIntents, entityFromData } from './fix-helpers';
import type { Rule } from './rule';

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
    if (!endpoint) return [];
    const list = endpoint.securityGroupIds?.node;
    const item = finding.data?.reason === 'explicit-default' && list?.kind === 'seq' ? list.items.find((entry) => entry.range[0] === finding.range[0] && entry.range[1] === finding.range[1]) : undefined;
    if (finding.data?.reason === 'explicit-default' && !item) return [];
    const created = dedicatedGroupIntents(ctx, endpoint, item);
    if (!created) return [];
    return [{ title: `Create security group "${created.groupId}" that admits HTTPS from the VPC, and use it for ${quoted(endpoint)}`, preferred: true, intents: created.intents }];
  },
};

