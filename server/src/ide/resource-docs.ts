/**
 * CloudFormation documentation for hovers on a resource `Type` and on property names, from the AWS
 * resource specification that `@aws-cdk/aws-service-spec` ships. This file knows only the small part
 * of the specification it reads (`ResourceSpec`, a structural subset of `@aws-cdk/service-spec-types`)
 * and renders markdown; the language server loads the specification lazily and passes it in, so the
 * engine stays free of I/O and the load happens only on the first hover that needs it.
 */
import { code, link, sections } from './render/markdown';

/** A property type as the specification writes it. */
export type SpecPropertyType =
  | { readonly type: 'string'; readonly allowedValues?: readonly string[] }
  | { readonly type: 'integer'; readonly allowedValues?: readonly number[] }
  | { readonly type: 'number' | 'boolean' | 'json' | 'date-time' | 'null' | 'tag' }
  | { readonly type: 'array' | 'map'; readonly element: SpecPropertyType }
  | { readonly type: 'union'; readonly types: readonly SpecPropertyType[] }
  | { readonly type: 'ref'; readonly reference: { readonly $ref: string } };

export interface SpecProperty {
  readonly documentation?: string;
  readonly required?: boolean;
  readonly type: SpecPropertyType;
  readonly defaultValue?: string;
  readonly causesReplacement?: 'yes' | 'no' | 'maybe';
}

export interface SpecResource {
  readonly cloudFormationType: string;
  readonly documentation?: string;
  readonly properties: Readonly<Record<string, SpecProperty>>;
  readonly attributes: Readonly<Record<string, { readonly documentation?: string }>>;
}

export interface SpecTypeDefinition {
  readonly name: string;
  readonly documentation?: string;
  readonly properties: Readonly<Record<string, SpecProperty>>;
}

/** The lookups hovers need from the specification. */
export interface ResourceSpec {
  resource(cloudFormationType: string): SpecResource | undefined;
  typeDefinition(id: string): SpecTypeDefinition | undefined;
}

/** How much of a resource type's documentation a hover shows before it points at the reference page. */
const RESOURCE_DOC = { paragraphs: 2, chars: 600 };

/** How much of a property's documentation a hover shows: properties say their default at the end. */
const PROPERTY_DOC = { paragraphs: 4, chars: 900 };

/** The reference page of a resource type, as the CloudFormation User Guide names it. */
export function resourceReferenceUrl(type: string): string | undefined {
  const parts = type.split('::');
  if (parts.length !== 3 || parts[0] !== 'AWS') return undefined;
  return `https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-${(parts[1] ?? '').toLowerCase()}-${(parts[2] ?? '').toLowerCase()}.html`;
}

/** The hover of a resource `Type`: its documentation, required properties and return values. */
export function renderResourceTypeDocs(spec: ResourceSpec, type: string): string | undefined {
  const resource = spec.resource(type);
  if (!resource) return undefined;
  const required = Object.entries(resource.properties)
    .filter(([, property]) => property.required)
    .map(([name]) => code(name));
  const attributes = Object.keys(resource.attributes).map(code);
  const url = resourceReferenceUrl(type);
  return sections(
    `**${code(type)}**`,
    resource.documentation ? shorten(resource.documentation, RESOURCE_DOC) : undefined,
    required.length > 0 ? `Required properties: ${required.join(', ')}.` : 'No property is required.',
    attributes.length > 0 ? `\`Fn::GetAtt\` attributes: ${attributes.join(', ')}.` : undefined,
    url ? link('CloudFormation reference', url) : undefined,
  );
}

/**
 * The hover of a property name: `path` is the chain of property names below `Properties`
 * (list indexes left out), so that nested properties such as `SecurityGroupIngress` → `IpProtocol`
 * find their type definition.
 */
export function renderPropertyDocs(spec: ResourceSpec, type: string, path: readonly string[]): string | undefined {
  const found = propertyAt(spec, type, path);
  if (!found) return undefined;
  const { property, owner } = found;
  const name = path[path.length - 1] ?? '';
  const facts = [
    `Type: ${typeText(spec, property.type)}`,
    property.required ? 'Required' : 'Optional',
    ...(property.defaultValue !== undefined ? [`Default: ${code(property.defaultValue)}`] : []),
    ...(property.causesReplacement === 'yes' ? ['Update requires replacement'] : property.causesReplacement === 'maybe' ? ['Update may require replacement'] : []),
  ];
  const url = resourceReferenceUrl(type);
  return sections(
    `**${code(name)}** · ${owner === type ? code(type) : `${code(owner)} in ${code(type)}`}`,
    property.documentation ? shorten(property.documentation, PROPERTY_DOC) : undefined,
    `${facts.join(' · ')}.`,
    url ? link('CloudFormation reference', url) : undefined,
  );
}

/** The property at `path` of a resource type, with the name of the type that declares it. */
export function propertyAt(spec: ResourceSpec, type: string, path: readonly string[]): { readonly property: SpecProperty; readonly owner: string } | undefined {
  const resource = spec.resource(type);
  if (!resource || path.length === 0) return undefined;
  let properties: Readonly<Record<string, SpecProperty>> = resource.properties;
  let owner = type;
  for (let index = 0; index < path.length; index++) {
    const property = Object.hasOwn(properties, path[index] ?? '') ? properties[path[index] ?? ''] : undefined;
    if (!property) return undefined;
    if (index === path.length - 1) return { property, owner };
    const definition = definitionOf(spec, property.type);
    if (!definition) return undefined;
    properties = definition.properties;
    owner = definition.name;
  }
  return undefined;
}

/** The type definition a property's values have, through lists, maps and unions. */
function definitionOf(spec: ResourceSpec, type: SpecPropertyType): SpecTypeDefinition | undefined {
  switch (type.type) {
    case 'ref':
      return spec.typeDefinition(type.reference.$ref);
    case 'array':
    case 'map':
      return definitionOf(spec, type.element);
    case 'union':
      for (const member of type.types) {
        const definition = definitionOf(spec, member);
        if (definition) return definition;
      }
      return undefined;
    default:
      return undefined;
  }
}

/** `String`, `List of String`, `Map of Integer`, `DnsOptionsSpecification`, `String (Allowed: a, b)`. */
function typeText(spec: ResourceSpec, type: SpecPropertyType): string {
  switch (type.type) {
    case 'string':
      return type.allowedValues && type.allowedValues.length > 0 ? `String (one of ${type.allowedValues.map(code).join(', ')})` : 'String';
    case 'integer':
      return 'Integer';
    case 'number':
      return 'Number';
    case 'boolean':
      return 'Boolean';
    case 'json':
      return 'JSON';
    case 'date-time':
      return 'Timestamp';
    case 'null':
      return 'Null';
    case 'tag':
      return 'Tag';
    case 'array':
      return `List of ${typeText(spec, type.element)}`;
    case 'map':
      return `Map of ${typeText(spec, type.element)}`;
    case 'union':
      return type.types.map((member) => typeText(spec, member)).join(' or ');
    case 'ref':
      return spec.typeDefinition(type.reference.$ref)?.name ?? 'Object';
  }
}

/** The first paragraphs of a documentation text, up to a bound, with an ellipsis when cut. */
function shorten(documentation: string, bound: { readonly paragraphs: number; readonly chars: number }): string {
  // Some links in the specification prefix an absolute URL with the documentation site's.
  const paragraphs = documentation.trim().replace(/\(https:\/\/docs\.aws\.amazon\.com\/(https?:\/\/)/g, '($1').split(/\n\s*\n/);
  let result = '';
  for (const [index, paragraph] of paragraphs.entries()) {
    const next = result ? `${result}\n\n${paragraph}` : paragraph;
    if (index >= bound.paragraphs || next.length > bound.chars) {
      if (!result) return `${paragraph.slice(0, bound.chars).replace(/\s+\S*$/, '')} …`;
      return `${result}\n\n…`;
    }
    result = next;
  }
  return result;
}
