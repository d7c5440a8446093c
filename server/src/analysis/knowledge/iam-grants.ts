/**
 * What a workload's IAM permissions say about the services it calls: its roles (directly, through
 * instance profiles, and the role AWS SAM makes from a function's `Policies`), their AWS managed
 * policies, inline policy actions, customer managed policies and `AWS::IAM::Policy` /
 * `AWS::IAM::ManagedPolicy` resources attached to them with `Roles`. A role, a policy or a document
 * the workspace cannot read is reported as unknown with the reason, never guessed.
 */
import { listOf, resourceOf, type NetworkModel, type NodeRef, type Workload } from '../../model';
import { valueOf, type Node } from '../../syntax';
import { evaluate, isPresent, literalString, symbolicString, type EvalEnv, type Resource, type Scenario, type Value } from '../../template';

/** A resource of the workspace with the environment it is evaluated in. */
export interface ResourceIn {
  readonly file: string;
  readonly resource: Resource;
  readonly env: EvalEnv;
}

/** One permission grant, with the resource that holds it. */
export type IamGrant =
  | { readonly kind: 'managedPolicy'; readonly name: string; readonly holder: ResourceIn; readonly via: string }
  | { readonly kind: 'action'; readonly action: string; readonly holder: ResourceIn; readonly via: string }
  | { readonly kind: 'samTemplate'; readonly name: string; readonly holder: ResourceIn; readonly via: string }
  | { readonly kind: 'unknown'; readonly reason: string; readonly holder: ResourceIn };

/** The grants of every role of a workload, and of the role AWS SAM makes for a function without one. */
export function grantsOfWorkload(model: NetworkModel, workload: Workload, scenario: Scenario): IamGrant[] {
  const grants: IamGrant[] = [];
  const self = resourceIn(model, workload.file, workload.resource);
  const seen = new Set<string>();
  const addRole = (value: Value, holder: ResourceIn | undefined, label: string): void => {
    const target = value.kind === 'ref' || value.kind === 'getAtt' ? value.target : undefined;
    const resource = resourceOf(model, value);
    const input = target ? model.templates.get(target.file) : undefined;
    if (!target || !resource || !input) {
      if (holder) grants.push({ kind: 'unknown', reason: unknownRoleReason(value, label), holder });
      return;
    }
    const role: ResourceIn = { file: target.file, resource, env: input.env };
    if (!isPresent(scenario, role.file, resource.condition)) return;
    if (resource.type === 'AWS::IAM::InstanceProfile') {
      const roles = valueOf(resource.properties, 'Roles');
      const list = listOf(roles ? { node: roles, env: input.env } : undefined, scenario);
      if (list.unknownReason !== undefined) grants.push({ kind: 'unknown', reason: `the roles of instance profile "${resource.logicalId}" are unknown: ${list.unknownReason}`, holder: role });
      for (const item of list.items) addRole(item.value, role, `a role of instance profile "${resource.logicalId}"`);
      return;
    }
    if (resource.type !== 'AWS::IAM::Role') {
      grants.push({ kind: 'unknown', reason: `${label} is ${resource.type ?? 'a resource'} "${resource.logicalId}", not a role the workspace declares`, holder: holder ?? role });
      return;
    }
    const key = `${role.file}#${resource.logicalId}`;
    if (seen.has(key)) return;
    seen.add(key);
    grants.push(...grantsOfRole(model, role, scenario));
  };
  for (const ref of [...workload.roles, ...workload.instanceProfiles]) {
    const list = listOf(ref, scenario);
    if (list.unknownReason !== undefined) grants.push({ kind: 'unknown', reason: `the role of "${workload.logicalId}" is unknown: ${list.unknownReason}`, holder: self });
    for (const item of list.items) addRole(item.value, self, `the role of "${workload.logicalId}"`);
  }
  if (workload.resource.type === 'AWS::Serverless::Function' && valueOf(workload.resource.properties, 'Role') === undefined) {
    grants.push(...samPolicyGrants(model, self, scenario));
  }
  return grants;
}

function resourceIn(model: NetworkModel, file: string, resource: Resource): ResourceIn {
  const env = model.templates.get(file)?.env as EvalEnv;
  return { file, resource, env };
}

function unknownRoleReason(value: Value, label: string): string {
  if (value.kind === 'unknown') return `${label} is unknown: ${value.reason}`;
  const text = symbolicString(value);
  if (text !== undefined) return `${label} is "${text}", which the workspace does not declare`;
  return `${label} is not a role the workspace declares`;
}

/** The grants of one declared role: managed policies, inline policies, and policies attached to it. */
function grantsOfRole(model: NetworkModel, role: ResourceIn, scenario: Scenario): IamGrant[] {
  const grants: IamGrant[] = [];
  const name = `role "${role.resource.logicalId}"`;
  const managed = valueOf(role.resource.properties, 'ManagedPolicyArns');
  if (managed) grants.push(...managedPolicyGrants(model, role, { node: managed, env: role.env }, name, scenario));
  const inline = valueOf(role.resource.properties, 'Policies');
  if (inline) {
    const list = listOf({ node: inline, env: role.env }, scenario);
    if (list.unknownReason !== undefined) grants.push({ kind: 'unknown', reason: `the inline policies of ${name} are unknown: ${list.unknownReason}`, holder: role });
    for (const item of list.items) {
      const document = item.value.kind === 'map' ? item.value.entries.get('PolicyDocument') : undefined;
      if (!document) {
        grants.push({ kind: 'unknown', reason: `an inline policy of ${name} is not a literal policy`, holder: role });
        continue;
      }
      grants.push(...documentGrants(document, role, name));
    }
  }
  for (const policy of attachedPolicies(model, role, scenario)) {
    const document = valueOf(policy.resource.properties, 'PolicyDocument');
    grants.push(...documentGrants(evaluate(document, policy.env, scenario), policy, `policy "${policy.resource.logicalId}" of ${name}`));
  }
  return grants;
}

/** Grants of a `ManagedPolicyArns` list (or a SAM `Policies` entry that names managed policies). */
function managedPolicyGrants(model: NetworkModel, holder: ResourceIn, ref: NodeRef, name: string, scenario: Scenario): IamGrant[] {
  const grants: IamGrant[] = [];
  const list = listOf(ref, scenario);
  if (list.unknownReason !== undefined) grants.push({ kind: 'unknown', reason: `the managed policies of ${name} are unknown: ${list.unknownReason}`, holder });
  for (const item of list.items) grants.push(...managedPolicyGrant(model, holder, item.value, name, scenario));
  return grants;
}

function managedPolicyGrant(model: NetworkModel, holder: ResourceIn, value: Value, name: string, scenario: Scenario): IamGrant[] {
  const resource = resourceOf(model, value);
  if (resource?.type === 'AWS::IAM::ManagedPolicy' && (value.kind === 'ref' || value.kind === 'getAtt')) {
    const env = model.templates.get(value.target.file)?.env;
    if (!env) return [];
    const policy: ResourceIn = { file: value.target.file, resource, env };
    return documentGrants(evaluate(valueOf(resource.properties, 'PolicyDocument'), env, scenario), policy, `policy "${resource.logicalId}" of ${name}`);
  }
  const text = symbolicString(value);
  if (text === undefined) {
    return [{ kind: 'unknown', reason: `a managed policy of ${name} is unknown${value.kind === 'unknown' ? `: ${value.reason}` : ''}`, holder }];
  }
  const awsManaged = /^arn:(?:\$\{AWS::Partition\}|[a-z-]*):iam::aws:policy\/(?:.*\/)?([^/]+)$/.exec(text);
  if (awsManaged?.[1]) return [{ kind: 'managedPolicy', name: awsManaged[1], holder, via: name }];
  // SAM accepts the names of AWS managed policies without their ARN.
  if (!text.includes(':') && !text.includes('/')) return [{ kind: 'managedPolicy', name: text, holder, via: name }];
  return [{ kind: 'unknown', reason: `managed policy "${text}" of ${name} is not declared in the workspace`, holder }];
}

/** `AWS::IAM::Policy` and `AWS::IAM::ManagedPolicy` resources whose `Roles` name the role. */
function attachedPolicies(model: NetworkModel, role: ResourceIn, scenario: Scenario): ResourceIn[] {
  const policies: ResourceIn[] = [];
  const roleKey = `ref:${role.file}#${role.resource.logicalId}`;
  const roleName = literalName(valueOf(role.resource.properties, 'RoleName'), role.env, scenario);
  for (const { file, resource, env, roles } of policiesWithRoles(model)) {
    const attached = listOf({ node: roles, env }, scenario).items.some((item) => {
      if (item.value.kind === 'ref') return `ref:${item.value.target.file}#${item.value.target.logicalId}` === roleKey;
      const text = literalString(item.value);
      return text !== undefined && text === roleName;
    });
    if (attached && isPresent(scenario, file, resource.condition)) policies.push({ file, resource, env });
  }
  return policies;
}

/** The policy resources of a model that attach to roles, found once per model. */
function policiesWithRoles(model: NetworkModel): readonly (ResourceIn & { readonly roles: Node })[] {
  const cached = POLICIES.get(model);
  if (cached) return cached;
  const found: (ResourceIn & { readonly roles: Node })[] = [];
  for (const [file, input] of model.templates) {
    for (const resource of input.template.resources.values()) {
      if (resource.type !== 'AWS::IAM::Policy' && resource.type !== 'AWS::IAM::ManagedPolicy') continue;
      const roles = valueOf(resource.properties, 'Roles');
      if (roles) found.push({ file, resource, env: input.env, roles });
    }
  }
  POLICIES.set(model, found);
  return found;
}

const POLICIES = new WeakMap<NetworkModel, readonly (ResourceIn & { readonly roles: Node })[]>();

function literalName(node: ReturnType<typeof valueOf>, env: EvalEnv, scenario: Scenario): string | undefined {
  if (!node) return undefined;
  return literalString(evaluate(node, env, scenario));
}

/**
 * The actions a policy document allows. A document may be written as a map or as a JSON string;
 * `Deny` statements and `NotAction` give nothing; anything the template cannot decide is unknown.
 */
export function documentGrants(document: Value, holder: ResourceIn, name: string): IamGrant[] {
  const plain = toPlain(document);
  const parsed = typeof plain === 'string' ? parseJson(plain) : plain;
  if (isUnknownPlain(parsed)) return [{ kind: 'unknown', reason: `the policy document of ${name} is unknown: ${parsed.unknown}`, holder }];
  if (!isObject(parsed)) return [{ kind: 'unknown', reason: `the policy document of ${name} is not a literal policy`, holder }];
  const statements = parsed.Statement;
  const list = Array.isArray(statements) ? statements : statements === undefined ? [] : [statements];
  const grants: IamGrant[] = [];
  for (const statement of list) {
    if (isUnknownPlain(statement)) {
      grants.push({ kind: 'unknown', reason: `a statement of ${name} is unknown: ${statement.unknown}`, holder });
      continue;
    }
    if (!isObject(statement)) continue;
    const effect = statement.Effect;
    if (isUnknownPlain(effect)) {
      grants.push({ kind: 'unknown', reason: `the effect of a statement of ${name} is unknown: ${effect.unknown}`, holder });
      continue;
    }
    if (typeof effect !== 'string' || effect !== 'Allow') continue;
    const actions = statement.Action;
    const items = Array.isArray(actions) ? actions : actions === undefined ? [] : [actions];
    for (const action of items) {
      if (typeof action === 'string') grants.push({ kind: 'action', action, holder, via: name });
      else if (isUnknownPlain(action)) grants.push({ kind: 'unknown', reason: `an action of ${name} is unknown: ${action.unknown}`, holder });
    }
  }
  return grants;
}

/** The grants SAM gives the role it makes from a function's `Policies`. */
function samPolicyGrants(model: NetworkModel, fn: ResourceIn, scenario: Scenario): IamGrant[] {
  const policies = valueOf(fn.resource.properties, 'Policies');
  if (!policies) return [];
  const name = `function "${fn.resource.logicalId}"`;
  const grants: IamGrant[] = [];
  const list = listOf({ node: policies, env: fn.env }, scenario);
  if (list.unknownReason !== undefined) grants.push({ kind: 'unknown', reason: `the policies of ${name} are unknown: ${list.unknownReason}`, holder: fn });
  for (const item of list.items) {
    const value = item.value;
    if (value.kind === 'map') {
      if (value.entries.has('Statement')) {
        grants.push(...documentGrants(value, fn, name));
        continue;
      }
      const [only] = [...value.entries.keys()];
      if (value.entries.size === 1 && only !== undefined) grants.push({ kind: 'samTemplate', name: only, holder: fn, via: name });
      continue;
    }
    grants.push(...managedPolicyGrant(model, fn, value, name, scenario));
  }
  return grants;
}

type Plain = string | number | boolean | null | readonly Plain[] | { readonly [key: string]: Plain } | UnknownPlain;

interface UnknownPlain {
  readonly unknown: string;
  readonly [marker]: true;
}

const marker = Symbol('unknown');

function unknownPlain(reason: string): UnknownPlain {
  return { unknown: reason, [marker]: true };
}

function isUnknownPlain(value: Plain | undefined): value is UnknownPlain {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && (value as Partial<UnknownPlain>)[marker] === true;
}

function isObject(value: Plain | undefined): value is { readonly [key: string]: Plain } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isUnknownPlain(value);
}

/** A value as plain JSON, with the parts the template cannot decide marked unknown. */
function toPlain(value: Value): Plain {
  switch (value.kind) {
    case 'string':
      return value.value;
    case 'number':
    case 'boolean':
      return value.value;
    case 'null':
      return null;
    case 'list':
      return value.items.filter((item) => item.kind !== 'noValue').map(toPlain);
    case 'map': {
      const result: Record<string, Plain> = {};
      for (const [key, entry] of value.entries) if (entry.kind !== 'noValue') result[key] = toPlain(entry);
      return result;
    }
    case 'unknown':
      return unknownPlain(value.reason);
    default:
      return unknownPlain(`a ${value.kind} value`);
  }
}

function parseJson(text: string): Plain {
  try {
    return JSON.parse(text) as Plain;
  } catch {
    return unknownPlain('it is a string that is not JSON');
  }
}
