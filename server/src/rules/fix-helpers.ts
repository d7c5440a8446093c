/**
 * Helpers that rules' `fix` functions share: a template node as a value to write elsewhere, a free
 * logical id for a new resource, and the entity a finding's structured data names.
 */
import { evaluateRef, ruleGroupValue, vpcOf, type Entity, type RuleDirection, type SecurityGroup, type Vpc, type VpcEndpoint } from '../model';
import { plainValueOf, valueOf, type Node } from '../syntax';
import { literalString, type Template, type Value } from '../template';
import type { EditIntent, RuleContext, TemplateValue } from './rule';

/** A logical id based on `base` that the template does not use yet (nor `used`, which it joins). */
export function freeLogicalId(template: Template, base: string, used: Set<string> = new Set()): string {
  const clean = base.replace(/[^A-Za-z0-9]/g, '') || 'Resource';
  const free = (id: string) => !template.resources.has(id) && !used.has(id);
  let id = clean;
  for (let i = 2; !free(id); i++) id = `${clean}${i}`;
  used.add(id);
  return id;
}

/** The entity a finding's `data` names by id (`file#logicalId`), if it still exists. */
export function entityFromData<K extends Entity['kind']>(ctx: RuleContext, data: Readonly<Record<string, unknown>> | undefined, key: string, kind: K): Extract<Entity, { kind: K }> | undefined {
  const id = data?.[key];
  if (typeof id !== 'string') return undefined;
  const entity = ctx.model.byId.get(id);
  return entity?.kind === kind ? (entity as Extract<Entity, { kind: K }>) : undefined;
}

/**
 * The intents that give a security group one more rule, the way the template already writes the
 * group's rules: appended to its inline list, as a new inline list when it has no rules of that
 * direction yet, or as a standalone `AWS::EC2::SecurityGroupIngress`/`Egress` resource when its rules
 * are standalone (mixing the two styles invites update conflicts).
 */
export function addGroupRule(
  ctx: RuleContext,
  group: SecurityGroup,
  direction: RuleDirection,
  rule: { readonly [key: string]: TemplateValue },
  used: Set<string> = new Set(),
): EditIntent[] {
  return addGroupRules(ctx, group, direction, [rule], used);
}

/** `addGroupRule` for several rules: without an inline list yet, one new list holds them all. */
export function addGroupRules(
  ctx: RuleContext,
  group: SecurityGroup,
  direction: RuleDirection,
  rules: readonly { readonly [key: string]: TemplateValue }[],
  used: Set<string> = new Set(),
): EditIntent[] {
  const property = direction === 'ingress' ? 'SecurityGroupIngress' : 'SecurityGroupEgress';
  const list = valueOf(group.resource.properties, property);
  if (list?.kind === 'seq') return rules.map((rule) => ({ kind: 'appendToList', file: group.file, list, value: rule }));
  const standalone = ctx.model.securityGroupRules.some((existing) => existing.standalone && existing.direction === direction && refersTo(ruleGroupValue(existing), group));
  if (list === undefined && !standalone) {
    return [{ kind: 'setResourceValue', file: group.file, logicalId: group.logicalId, path: ['Properties', property], value: [...rules] }];
  }
  const template = ctx.files.get(group.file)?.template;
  if (!template) return [];
  return rules.map((rule) => standaloneRule(template, group, direction, rule, `${group.logicalId}${direction === 'ingress' ? 'Ingress' : 'Egress'}Https`, used));
}

/** A rule of `group` as its own `AWS::EC2::SecurityGroupIngress`/`Egress` resource after the group, named from `idBase`. */
export function standaloneRule(
  template: Template,
  group: { readonly file: string; readonly logicalId: string },
  direction: RuleDirection,
  rule: { readonly [key: string]: TemplateValue },
  idBase: string,
  used: Set<string> = new Set(),
): EditIntent {
  const type = direction === 'ingress' ? 'AWS::EC2::SecurityGroupIngress' : 'AWS::EC2::SecurityGroupEgress';
  return {
    kind: 'addResource',
    file: group.file,
    logicalId: freeLogicalId(template, idBase, used),
    after: group.logicalId,
    value: { Type: type, Properties: { GroupId: { 'Fn::GetAtt': [group.logicalId, 'GroupId'] }, ...rule } },
  };
}

/** Whether a value refers to an entity (by `Ref` or an id-returning `Fn::GetAtt`). */
export function refersTo(value: Value | undefined, entity: { readonly file: string; readonly logicalId: string }): boolean {
  return (value?.kind === 'ref' || value?.kind === 'getAtt') && value.target.file === entity.file && value.target.logicalId === entity.logicalId;
}

/** The TCP 443 rule body for a peer, with a description scanners ask for. */
export function httpsRule(peer: { readonly [key: string]: TemplateValue }, description: string): { readonly [key: string]: TemplateValue } {
  return { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, ...peer, Description: description };
}

/**
 * How a template in `file` writes the CIDR block of a VPC: `!GetAtt Vpc.CidrBlock` when the VPC is in
 * that template, its literal CIDR otherwise; undefined when neither is possible.
 */
export function vpcCidrValue(vpc: Vpc | undefined, file: string): TemplateValue | undefined {
  if (!vpc) return undefined;
  if (vpc.file === file) return { 'Fn::GetAtt': [vpc.logicalId, 'CidrBlock'] };
  const value = evaluateRef(vpc.cidrBlock);
  const text = value ? literalString(value) : undefined;
  return text !== undefined && /^[0-9a-fA-F:.]+\/\d+$/.test(text) ? text : undefined;
}

/**
 * Intents that create a dedicated security group for an endpoint, admitting TCP 443 from the VPC's
 * CIDR block, and make the endpoint use it (replacing `replace` when given, otherwise setting
 * `SecurityGroupIds`); undefined when the VPC's CIDR cannot be written in the endpoint's template.
 */
export function dedicatedGroupIntents(ctx: RuleContext, endpoint: VpcEndpoint, replace?: Node): { readonly groupId: string; readonly intents: EditIntent[] } | undefined {
  const template = ctx.files.get(endpoint.file)?.template;
  const vpc = vpcOf(ctx.model, endpoint).vpc;
  const cidr = vpcCidrValue(vpc, endpoint.file);
  if (!template || !endpoint.vpcId || cidr === undefined) return undefined;
  const groupId = freeLogicalId(template, `${endpoint.logicalId}SecurityGroup`);
  const group: TemplateValue = {
    Type: 'AWS::EC2::SecurityGroup',
    Properties: {
      GroupDescription: `HTTPS from the VPC to endpoint ${endpoint.logicalId}`,
      VpcId: plainValueOf(endpoint.vpcId.node),
      SecurityGroupIngress: [httpsRule({ CidrIp: cidr }, `HTTPS from every subnet of ${vpc ? vpc.logicalId : 'the VPC'}`)],
    },
  };
  const reference: TemplateValue = { Ref: groupId };
  const intents: EditIntent[] = [{ kind: 'addResource', file: endpoint.file, logicalId: groupId, after: endpoint.logicalId, value: group }];
  intents.push(
    replace
      ? { kind: 'replaceNode', file: endpoint.file, node: replace, value: reference }
      : { kind: 'setResourceValue', file: endpoint.file, logicalId: endpoint.logicalId, path: ['Properties', 'SecurityGroupIds'], value: [reference] },
  );
  return { groupId, intents };
}
