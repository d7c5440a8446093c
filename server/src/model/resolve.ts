/**
 * Reading the model under a scenario: evaluating property nodes, flattening list properties into
 * items with the node each came from, following references to entities, and telling which VPC a
 * subnet, group or endpoint belongs to. A VPC is known by a key that two references share when they
 * certainly name the same VPC: the same resource, the same parameter, the same literal id.
 */
import type { Node } from '../syntax';
import { ANY_SCENARIO, evaluate, identityOf, isPresent, type Resource, type Scenario, type Value } from '../template';
import type { Entity, EntityBase, NetworkModel, NodeRef, SecurityGroup, Subnet, Vpc } from './network-model';

/** Evaluate a property node under a scenario; a missing node is undefined. */
export function evaluateRef(ref: NodeRef | undefined, scenario: Scenario = ANY_SCENARIO): Value | undefined {
  return ref ? evaluate(ref.node, ref.env, scenario) : undefined;
}

/** Whether an entity exists in the scenario (its condition holds or is undecided). */
export function exists(entity: EntityBase, scenario: Scenario): boolean {
  return isPresent(scenario, entity.file, entity.condition);
}

/** One item of a list property: its value and the node that best locates it. */
export interface ListItem {
  readonly value: Value;
  readonly node: Node;
}

export interface ListResult {
  readonly items: readonly ListItem[];
  /** Set when part of the list cannot be known: then `items` holds only the known part. */
  readonly unknownReason?: string;
}

/**
 * The items of a property that holds a list (or a single value that stands for a one-item list),
 * with `AWS::NoValue` items dropped and nested lists flattened.
 */
export function listOf(ref: NodeRef | undefined, scenario: Scenario = ANY_SCENARIO): ListResult {
  if (!ref) return { items: [] };
  const items: ListItem[] = [];
  let unknownReason: string | undefined;
  const add = (value: Value, node: Node): void => {
    if (value.kind === 'noValue' || value.kind === 'null') return;
    if (value.kind === 'list') {
      for (const item of value.items) add(item, node);
      return;
    }
    if (value.kind === 'unknown' && value.identity === undefined) {
      unknownReason ??= value.reason;
      return;
    }
    items.push({ value, node });
  };
  if (ref.node.kind === 'seq') {
    for (const item of ref.node.items) add(evaluate(item, ref.env, scenario), item);
  } else {
    const value = evaluate(ref.node, ref.env, scenario);
    if (value.kind === 'unknown') unknownReason = value.reason;
    else add(value, ref.node);
  }
  return unknownReason !== undefined ? { items, unknownReason } : { items };
}

/**
 * The entity a value refers to, if the model has it. The evaluator turns the `Fn::GetAtt`
 * attributes that return the resource's id into `Ref`; other attributes name something else
 * (`!GetAtt Vpc.DefaultSecurityGroup` is not the VPC).
 */
export function entityOf(model: NetworkModel, value: Value | undefined): Entity | undefined {
  if (value?.kind !== 'ref') return undefined;
  return model.byId.get(`${value.target.file}#${value.target.logicalId}`);
}

/** The entity of a given kind a value refers to. */
export function entityOfKind<K extends Entity['kind']>(model: NetworkModel, value: Value | undefined, kind: K): Extract<Entity, { kind: K }> | undefined {
  const entity = entityOf(model, value);
  return entity?.kind === kind ? (entity as Extract<Entity, { kind: K }>) : undefined;
}

/** What is known about the VPC a property names. */
export interface VpcHandle {
  /** Shared by every reference that certainly names this VPC; undefined when nothing is known. */
  readonly key: string | undefined;
  /** The VPC resource, when the workspace declares it. */
  readonly vpc: Vpc | undefined;
  readonly value: Value | undefined;
}

/** The VPC a `VpcId` value names. */
export function vpcHandle(model: NetworkModel, value: Value | undefined): VpcHandle {
  if (!value) return { key: undefined, vpc: undefined, value };
  const vpc = entityOfKind(model, value, 'vpc');
  return { key: vpc ? `ref:${vpc.id}` : identityOf(value), vpc, value };
}

/** The handle of a VPC the workspace declares, as a `Ref` to it gives. */
export function declaredVpcHandle(vpc: Vpc): VpcHandle {
  return { key: `ref:${vpc.id}`, vpc, value: { kind: 'ref', target: { file: vpc.file, logicalId: vpc.logicalId } } };
}

/** The VPC of a subnet, security group or VPC endpoint. */
export function vpcOf(model: NetworkModel, entity: { readonly vpcId: NodeRef | undefined }, scenario: Scenario = ANY_SCENARIO): VpcHandle {
  return vpcHandle(model, evaluateRef(entity.vpcId, scenario));
}

/** The subnets of the workspace that are certainly in the VPC with this key, and exist in the scenario. */
export function subnetsOfVpc(model: NetworkModel, key: string | undefined, scenario: Scenario = ANY_SCENARIO): Subnet[] {
  if (key === undefined) return [];
  // The VPC comes first so that the conditions of subnets in other VPCs are never consulted.
  return model.subnets.filter((subnet) => vpcOf(model, subnet, scenario).key === key && exists(subnet, scenario));
}

/** The security group a value names, if the workspace declares it. */
export function securityGroupOf(model: NetworkModel, value: Value | undefined): SecurityGroup | undefined {
  return entityOfKind(model, value, 'securityGroup');
}

/** The subnet a value names, if the workspace declares it. */
export function subnetOf(model: NetworkModel, value: Value | undefined): Subnet | undefined {
  return entityOfKind(model, value, 'subnet');
}

/** The security group a standalone or inline rule belongs to, as a value. */
export function ruleGroupValue(rule: { readonly owner: EntityBase; readonly groupId: NodeRef | undefined }, scenario: Scenario = ANY_SCENARIO): Value | undefined {
  if (!rule.groupId) return { kind: 'ref', target: { file: rule.owner.file, logicalId: rule.owner.logicalId } };
  return evaluateRef(rule.groupId, scenario);
}

/** The resource a `Ref` or `Fn::GetAtt` value names, whatever its type, if a template of the model declares it. */
export function resourceOf(model: NetworkModel, value: Value | undefined): Resource | undefined {
  if (!value || (value.kind !== 'ref' && value.kind !== 'getAtt')) return undefined;
  return model.templates.get(value.target.file)?.template.resources.get(value.target.logicalId);
}
