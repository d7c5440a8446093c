/**
 * Hovers: what the cursor is on (`hoverTarget`), then markdown for it (`renderHover`), dispatched with
 * a plain `switch`. Network resources (VPC endpoints, subnets, security groups, workloads, VPCs) get
 * what they do to the network, from the model, whether the cursor is on their logical id or on a
 * reference to them; an interface endpoint's hover also answers on its `ServiceName`,
 * `PrivateDnsEnabled`, `SubnetIds` and `SecurityGroupIds`. A resource `Type` and property names get
 * their CloudFormation documentation when the resource specification is at hand. Hovers render the
 * scenario where no condition is decided, and say which conditions they depend on.
 */
import type { Entity, Subnet, SecurityGroup, Vpc, VpcEndpoint, Workload } from '../model';
import { isIntrinsicKey, nodesAt, type Node, type TextRange } from '../syntax';
import { referenceAt, type Template } from '../template';
import type { Analysis } from './analysis';
import { renderPropertyDocs, renderResourceTypeDocs, type ResourceSpec } from './resource-docs';
import { recordingScenario } from './render/conditions';
import { renderEndpoint } from './render/endpoint';
import type { RenderContext } from './render/labels';
import { sections } from './render/markdown';
import { renderSecurityGroup } from './render/security-group';
import { renderSubnet } from './render/subnet';
import { renderVpc } from './render/vpc';
import { renderWorkload } from './render/workload';

/** A property of a resource type by its chain of names below `Properties` (list indexes left out). */
export interface PropertyPath {
  readonly resourceType: string;
  readonly path: readonly string[];
}

/** What a hover is about. */
export type HoverTarget =
  | { readonly kind: 'endpoint'; readonly endpoint: VpcEndpoint; readonly range: TextRange; readonly property?: PropertyPath }
  | { readonly kind: 'subnet'; readonly subnet: Subnet; readonly range: TextRange }
  | { readonly kind: 'securityGroup'; readonly group: SecurityGroup; readonly range: TextRange }
  | { readonly kind: 'workload'; readonly workload: Workload; readonly range: TextRange }
  | { readonly kind: 'vpc'; readonly vpc: Vpc; readonly range: TextRange }
  | { readonly kind: 'resourceType'; readonly resourceType: string; readonly range: TextRange }
  | { readonly kind: 'property'; readonly property: PropertyPath; readonly range: TextRange };

export interface Hover {
  readonly markdown: string;
  readonly range: TextRange;
}

/** The properties of an interface endpoint whose hover is the endpoint's. */
const ENDPOINT_PROPERTIES: ReadonlySet<string> = new Set(['ServiceName', 'PrivateDnsEnabled', 'SubnetIds', 'SecurityGroupIds', 'VpcEndpointType']);

/** The hover at an offset of a file of the analysis, if there is one. */
export function hoverAt(analysis: Analysis, file: string, offset: number, spec?: ResourceSpec): Hover | undefined {
  const target = hoverTarget(analysis, file, offset);
  return target ? renderHover(analysis, file, target, spec) : undefined;
}

/** Whether the hover of a target shows documentation from the resource specification. */
export function wantsResourceSpec(target: HoverTarget): boolean {
  return target.kind === 'resourceType' || target.kind === 'property' || (target.kind === 'endpoint' && target.property !== undefined);
}

/** What the cursor is on: a network entity, a resource type, a property name, or nothing we explain. */
export function hoverTarget(analysis: Analysis, file: string, offset: number): HoverTarget | undefined {
  const entry = analysis.files.get(file);
  if (!entry?.isTemplate) return undefined;
  const template = entry.template;
  const { nodes, path, onKey } = nodesAt(template.root, offset);
  const innermost = nodes[nodes.length - 1] as Node;
  const range = innermost.range;
  const referenced = referencedEntity(analysis, template, offset);

  if (path[0] !== 'Resources' || typeof path[1] !== 'string') return referenced;
  const logicalId = path[1];
  const resource = template.resources.get(logicalId);
  if (!resource) return referenced;
  const entity = analysis.model.byId.get(`${file}#${logicalId}`);

  if (path.length === 2 && onKey) return entityTarget(entity, range) ?? (resource.type ? { kind: 'resourceType', resourceType: resource.type, range } : undefined);
  if (path[2] === 'Type' && path.length === 3 && resource.type) return { kind: 'resourceType', resourceType: resource.type, range: resource.typeNode?.range ?? range };
  if (path[2] !== 'Properties' || path.length < 4) return referenced;

  const propertyPath = propertyNames(path.slice(3));
  const docs: PropertyPath | undefined = resource.type && onKey && propertyPath.length === path.slice(3).filter((step) => typeof step === 'string').length ? { resourceType: resource.type, path: propertyPath } : undefined;
  if (entity?.kind === 'vpcEndpoint' && typeof path[3] === 'string' && ENDPOINT_PROPERTIES.has(path[3])) {
    const keyRange = template.resources.get(logicalId)?.properties?.pairs.find((pair) => pair.key.value === path[3])?.key.range;
    return { kind: 'endpoint', endpoint: entity, range: onKey && path.length === 4 && keyRange ? keyRange : range, ...(docs && path.length === 4 ? { property: docs } : {}) };
  }
  if (referenced) return referenced;
  if (docs) return { kind: 'property', property: docs, range };
  return undefined;
}

/** The markdown of a target; documentation only when `spec` is given. */
export function renderHover(analysis: Analysis, file: string, target: HoverTarget, spec?: ResourceSpec): Hover | undefined {
  const recording = recordingScenario();
  const ctx: RenderContext = { model: analysis.model, file, recording, scenario: recording.scenario };
  let markdown: string | undefined;
  switch (target.kind) {
    case 'endpoint': {
      const docs = target.property && spec ? renderPropertyDocs(spec, target.property.resourceType, target.property.path) : undefined;
      markdown = sections(renderEndpoint(ctx, target.endpoint), docs && '---', docs);
      break;
    }
    case 'subnet':
      markdown = renderSubnet(ctx, target.subnet);
      break;
    case 'securityGroup':
      markdown = renderSecurityGroup(ctx, target.group);
      break;
    case 'workload':
      markdown = renderWorkload(ctx, target.workload);
      break;
    case 'vpc':
      markdown = renderVpc(ctx, target.vpc);
      break;
    case 'resourceType':
      markdown = spec ? renderResourceTypeDocs(spec, target.resourceType) : undefined;
      break;
    case 'property':
      markdown = spec ? renderPropertyDocs(spec, target.property.resourceType, target.property.path) : undefined;
      break;
  }
  return markdown ? { markdown, range: target.range } : undefined;
}

/** The hover target of an entity the model knows, for the kinds that have a network hover. */
function entityTarget(entity: Entity | undefined, range: TextRange): HoverTarget | undefined {
  switch (entity?.kind) {
    case 'vpcEndpoint':
      return { kind: 'endpoint', endpoint: entity, range };
    case 'subnet':
      return { kind: 'subnet', subnet: entity, range };
    case 'securityGroup':
      return { kind: 'securityGroup', group: entity, range };
    case 'workload':
      return { kind: 'workload', workload: entity, range };
    case 'vpc':
      return { kind: 'vpc', vpc: entity, range };
    default:
      return undefined;
  }
}

/** The network entity a `Ref`, `Fn::GetAtt`, `${…}` or `DependsOn` under the cursor names. */
function referencedEntity(analysis: Analysis, template: Template, offset: number): HoverTarget | undefined {
  const reference = referenceAt(template, offset);
  if (!reference || (reference.kind !== 'Ref' && reference.kind !== 'GetAtt' && reference.kind !== 'Sub' && reference.kind !== 'DependsOn')) return undefined;
  return entityTarget(analysis.model.byId.get(`${template.file}#${reference.name}`), reference.range);
}

/** The property names of a path below `Properties`, up to the first intrinsic function. */
function propertyNames(path: readonly (string | number)[]): string[] {
  const names: string[] = [];
  for (const step of path) {
    if (typeof step === 'number') continue;
    if (isIntrinsicKey(step)) break;
    names.push(step);
  }
  return names;
}
