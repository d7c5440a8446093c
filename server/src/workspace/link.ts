/**
 * Linking templates into one network: the environment each template is evaluated in. Its parameters
 * are pinned by parameter files (through the options) and, for a nested stack, by the `Parameters`
 * its parent passes; `Fn::ImportValue` resolves against the exports of the other templates and
 * `!GetAtt Child.Outputs.X` against the nested template's outputs. An export name built with
 * `${AWS::StackName}` matches an import when the rest of the name matches and exactly one template
 * fits (or the project file pins the stack name); an ambiguous match is unknown, never a guess.
 */
import { scalarText, valueOf, type Node } from '../syntax';
import {
  ANY_SCENARIO,
  evaluate,
  sameValue,
  str,
  typedParameterValue,
  unknown,
  type EvalEnv,
  type Output,
  type Parameter,
  type Resource,
  type StringValue,
  type Template,
  type Value,
} from '../template';
import type { ModelTemplate } from '../model';
import { isRemoteLocation, resolveFromFile } from './paths';
import { envKey } from './value-keys';

export interface LinkOptions {
  /** The region templates are deployed to, when known. */
  readonly region?: string;
  /** Regions per file, from project files; they win over `region`. */
  readonly regions?: ReadonlyMap<string, string>;
  /** Parameter values per file, pinned by parameter files or a project file. */
  readonly parameters?: ReadonlyMap<string, ReadonlyMap<string, Value>>;
  /** Stack names per file, from a project file. */
  readonly stackNames?: ReadonlyMap<string, string>;
  /**
   * The file a nested stack's local `TemplateURL` or `Location` names, resolved against the parent's
   * file. By default the location is resolved by path arithmetic on the parent's identity.
   */
  readonly resolveLocation?: (fromFile: string, location: string) => string | undefined;
}

/** An output's export, with its name evaluated in its own template. */
export interface ExportEntry {
  readonly template: Template;
  readonly output: Output;
  /** The export name as evaluated in its own template, `${AWS::StackName}` kept symbolic unless pinned. */
  readonly name: StringValue;
  readonly valueNode: Node | undefined;
}

/** An `AWS::CloudFormation::Stack` or `AWS::Serverless::Application` resource and the template it nests. */
export interface NestedStack {
  readonly parent: Template;
  readonly resource: Resource;
  /** The location as written (`TemplateURL` or `Location`), when it is a literal. */
  readonly location: string | undefined;
  /** The nested template's file, when the location is local and the workspace has the file. */
  readonly child: string | undefined;
  /** Why the nested template is not in the workspace, when it is not. */
  readonly reason?: string;
}

/** Templates linked into one workspace. */
export interface LinkedWorkspace {
  /** The templates with their environments, in the order given. */
  readonly templates: readonly ModelTemplate[];
  readonly nestedStacks: readonly NestedStack[];
  /**
   * Every export an import of `name` from `from` could match, ambiguous ones included: the templates
   * an import may link to.
   */
  candidates(name: StringValue, from: Template): readonly ExportEntry[];
  /** The exports an import of `name` from `from` links to: one, or several when it is ambiguous. */
  resolve(name: StringValue, from: Template): readonly ExportEntry[];
}

const MAX_LINK_DEPTH = 16;
const STACK_NAME = '${AWS::StackName}';
/** A stack name as CloudFormation allows it: a letter, then letters, digits and hyphens. */
const STACK_NAME_PATTERN = '([A-Za-z][-A-Za-z0-9]*)';

/** The environments of `templates`, linked through their exports and nested stacks. */
export function linkTemplates(templates: readonly Template[], options: LinkOptions = {}): ModelTemplate[] {
  return [...linkWorkspace(templates, options).templates];
}

/** Link `templates` into one workspace. Never throws on template content. */
export function linkWorkspace(templates: readonly Template[], options: LinkOptions = {}): LinkedWorkspace {
  const byFile = new Map<string, Template>();
  for (const template of templates) if (!byFile.has(template.file)) byFile.set(template.file, template);
  const regionOf = (file: string): string | undefined => options.regions?.get(file) ?? (options.region || undefined);

  const nestedStacks = findNestedStacks(templates, byFile, options.resolveLocation ?? resolveFromFile);
  const nestedByParent = new Map<string, NestedStack>();
  const parentsOf = new Map<string, NestedStack[]>();
  for (const nested of nestedStacks) {
    nestedByParent.set(`${nested.parent.file}#${nested.resource.logicalId}`, nested);
    if (nested.child === undefined) continue;
    const parents = parentsOf.get(nested.child) ?? [];
    parents.push(nested);
    parentsOf.set(nested.child, parents);
  }

  const index = buildExportIndex(templates, options, regionOf);
  const envs = new Map<string, EvalEnv>();
  const building = new Set<string>();
  const importValues = new Map<ExportEntry, Value>();
  const outputValues = new Map<string, Value>();
  const active = new Set<unknown>();
  let depth = 0;

  /** Evaluate once per key; a key met again while it is evaluated is a cycle between stacks. */
  const once = <K>(memo: Map<K, Value>, key: K, cycle: string, compute: () => Value): Value => {
    const known = memo.get(key);
    if (known) return known;
    if (active.has(key) || depth >= MAX_LINK_DEPTH) return unknown(cycle);
    active.add(key);
    depth++;
    try {
      const value = compute();
      memo.set(key, value);
      return value;
    } finally {
      depth--;
      active.delete(key);
    }
  };

  const resolveImport = (name: StringValue, from: Template): Value | undefined => {
    const matches = resolutionOf(index.lookup(name, from.file, regionOf(from.file)));
    if (matches.length === 0) return undefined;
    const identity = `import:${name.value}`;
    if (matches.length > 1) {
      const files = [...new Set(matches.map((entry) => entry.template.file))];
      return unknown(`export "${name.value}" matches exports of ${files.length} templates`, identity);
    }
    const match = matches[0] as ExportEntry;
    return once(importValues, match, `export "${name.value}" is imported in a circle between stacks`, () => {
      const env = envOf(match.template.file);
      if (!env || !match.valueNode) return unknown(`the value of export "${name.value}" is missing`, identity);
      return evaluate(match.valueNode, env, ANY_SCENARIO);
    });
  };

  const stackOutputResolver = (parentFile: string) => (logicalId: string, output: string): Value | undefined => {
    const nested = nestedByParent.get(`${parentFile}#${logicalId}`);
    if (!nested || nested.child === undefined) return undefined;
    const child = nested.child;
    return once(outputValues, `${child}#${output}`, `output "${output}" of nested stack "${logicalId}" refers back to its parent`, () => {
      const env = envOf(child);
      const node = env?.template.outputs.get(output)?.valueNode;
      if (!env || !node) return unknown(`the template of nested stack "${logicalId}" has no output "${output}"`, `att:${parentFile}#${logicalId}.Outputs.${output}`);
      return evaluate(node, env, ANY_SCENARIO);
    });
  };

  const envOf = (file: string): EvalEnv | undefined => {
    const known = envs.get(file);
    if (known) return known;
    const template = byFile.get(file);
    if (!template || building.has(file)) return undefined;
    building.add(file);
    try {
      const parameters = pinnedParameters(template, options.parameters?.get(file), parentsOf.get(file) ?? [], envOf);
      const region = regionOf(file);
      const stackName = options.stackNames?.get(file);
      const env: EvalEnv = {
        template,
        ...(parameters.size > 0 ? { parameters } : {}),
        ...(region ? { region } : {}),
        ...(stackName ? { stackName } : {}),
        resolveImport,
        resolveStackOutput: stackOutputResolver(file),
      };
      envs.set(file, env);
      return env;
    } finally {
      building.delete(file);
    }
  };

  const linked = templates.map((template) => ({ template, env: envOf(template.file) ?? plainEnv(template, options, regionOf) }));
  return {
    templates: linked,
    nestedStacks,
    candidates: (name, from) => index.lookup(name, from.file, regionOf(from.file)).all,
    resolve: (name, from) => resolutionOf(index.lookup(name, from.file, regionOf(from.file))),
  };
}

/** The environment of a template on its own: its pinned parameters, region and stack name, no links. */
function plainEnv(template: Template, options: LinkOptions, regionOf: (file: string) => string | undefined): EvalEnv {
  const parameters = pinnedParameters(template, options.parameters?.get(template.file), [], () => undefined);
  const region = regionOf(template.file);
  const stackName = options.stackNames?.get(template.file);
  return {
    template,
    ...(parameters.size > 0 ? { parameters } : {}),
    ...(region ? { region } : {}),
    ...(stackName ? { stackName } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Nested stacks

const NESTED_TYPES: Readonly<Record<string, string>> = {
  'AWS::CloudFormation::Stack': 'TemplateURL',
  'AWS::Serverless::Application': 'Location',
};

/** The nested stack resources of each template, found once per parsed template. */
const nestedResources = new WeakMap<Template, readonly Resource[]>();

function nestedResourcesOf(template: Template): readonly Resource[] {
  let found = nestedResources.get(template);
  if (!found) {
    found = [...template.resources.values()].filter((resource) => resource.type !== undefined && NESTED_TYPES[resource.type] !== undefined);
    nestedResources.set(template, found);
  }
  return found;
}

function findNestedStacks(templates: readonly Template[], byFile: ReadonlyMap<string, Template>, resolveLocation: (fromFile: string, location: string) => string | undefined): NestedStack[] {
  const found: NestedStack[] = [];
  for (const parent of templates) {
    for (const resource of nestedResourcesOf(parent)) {
      const property = resource.type !== undefined ? NESTED_TYPES[resource.type] : undefined;
      if (property === undefined) continue;
      const node = valueOf(resource.properties, property);
      const location = node?.kind === 'scalar' ? scalarText(node) : undefined;
      if (location === undefined || location.trim() === '') {
        const reason = node?.kind === 'map' ? 'the nested application comes from the Serverless Application Repository' : 'the location of the nested template is not a literal path';
        found.push({ parent, resource, location: undefined, child: undefined, reason });
        continue;
      }
      if (isRemoteLocation(location)) {
        found.push({ parent, resource, location, child: undefined, reason: `the nested template "${location}" is not in the workspace` });
        continue;
      }
      const child = resolveLocation(parent.file, location.trim());
      if (child !== undefined && child !== parent.file && byFile.has(child)) found.push({ parent, resource, location, child });
      else found.push({ parent, resource, location, child: undefined, reason: `the nested template "${location}" is not in the workspace` });
    }
  }
  return found;
}

/**
 * The parameter values a template is evaluated with: those of parameter files first, then those its
 * parents pass as a nested stack. When several parents nest one template, a parameter is pinned to
 * the value they all pass; when they pass different values (or some pass none) it is unknown.
 */
function pinnedParameters(
  template: Template,
  explicit: ReadonlyMap<string, Value> | undefined,
  parents: readonly NestedStack[],
  envOf: (file: string) => EvalEnv | undefined,
): Map<string, Value> {
  const pinned = new Map<string, Value>();
  if (parents.length > 0) {
    const passed = parents.map((nested) => passedParameters(nested, envOf));
    for (const name of template.parameters.keys()) {
      const values = passed.map((map) => map?.get(name));
      if (values.every((value) => value === undefined)) continue;
      const first = values[0];
      if (first !== undefined && values.every((value) => value !== undefined && (value === first || sameValue(value, first) === true))) {
        pinned.set(name, first);
      } else {
        const names = parents.map((nested) => `"${nested.resource.logicalId}"`).join(' and ');
        pinned.set(name, unknown(`parameter "${name}" gets different values from the stacks that nest this template (${names})`, `param:${template.file}#${name}`));
      }
    }
  }
  if (explicit) for (const [name, value] of explicit) pinned.set(name, value);
  for (const [name, value] of pinned) {
    const declaration = template.parameters.get(name);
    if (declaration) pinned.set(name, coerceParameter(value, declaration, template.file));
  }
  return pinned;
}

/** The values a parent passes in `Parameters`, or undefined when the parent cannot be evaluated (a cycle). */
function passedParameters(nested: NestedStack, envOf: (file: string) => EvalEnv | undefined): Map<string, Value> | undefined {
  const env = envOf(nested.parent.file);
  if (!env) return undefined;
  const values = new Map<string, Value>();
  const map = valueOf(nested.resource.properties, 'Parameters');
  if (map?.kind !== 'map') return values;
  for (const pair of map.pairs) values.set(String(pair.key.value), evaluate(pair.value, env, ANY_SCENARIO));
  return values;
}

/**
 * A pinned value as the parameter's type reads it (`typedParameterValue`); SSM types read the value
 * from Parameter Store at deploy time, so only the parameter's name is known.
 */
function coerceParameter(value: Value, declaration: Parameter, file: string): Value {
  const type = declaration.type ?? 'String';
  if (type.startsWith('AWS::SSM::Parameter::Value')) {
    return value.kind === 'unknown' ? value : unknown(`parameter "${declaration.name}" is read from SSM Parameter Store at deploy time`, `param:${file}#${declaration.name}`);
  }
  return typedParameterValue(value, type);
}

// ---------------------------------------------------------------------------------------------
// Exports

/** What an import name matches: exact matches, and matches through an unpinned `${AWS::StackName}`. */
interface Lookup {
  readonly exact: readonly ExportEntry[];
  readonly patterns: readonly ExportEntry[];
  readonly all: readonly ExportEntry[];
}

/**
 * The exports an import resolves to. An export whose name is exactly the imported name wins over
 * one that matches only through an unpinned `${AWS::StackName}`: export names are unique in a
 * region, so the other template cannot be deployed with that stack name next to it.
 */
function resolutionOf(lookup: Lookup): readonly ExportEntry[] {
  return lookup.exact.length > 0 ? lookup.exact : lookup.patterns;
}

interface Shape {
  readonly regex: RegExp;
  readonly entries: ExportEntry[];
}

interface ExportIndex {
  lookup(name: StringValue, from: string, fromRegion: string | undefined): Lookup;
}

function buildExportIndex(templates: readonly Template[], options: LinkOptions, regionOf: (file: string) => string | undefined): ExportIndex {
  const exact = new Map<string, ExportEntry[]>();
  const shapes = new Map<string, Shape>();
  /** Shapes by the literal text after their last `${AWS::StackName}`, to try only those that can match. */
  const bySuffix = new Map<string, Shape[]>();
  for (const template of templates) {
    for (const entry of cachedExports(template, plainEnv(template, options, regionOf))) {
      const text = entry.name.value;
      if (!text.includes(STACK_NAME)) {
        push(exact, text, entry);
        continue;
      }
      let shape = shapes.get(text);
      if (!shape) {
        shape = { regex: stackNamePattern(text), entries: [] };
        shapes.set(text, shape);
        push(bySuffix, text.slice(text.lastIndexOf(STACK_NAME) + STACK_NAME.length), shape);
      }
      shape.entries.push(entry);
    }
  }
  /** The matches of each name before the importer's own file and region are taken out: many templates import the same names. */
  const matches = new Map<string, { readonly exact: readonly ExportEntry[]; readonly patterns: readonly ExportEntry[] }>();
  const matchesOf = (text: string): { readonly exact: readonly ExportEntry[]; readonly patterns: readonly ExportEntry[] } => {
    const known = matches.get(text);
    if (known) return known;
    const patterns: ExportEntry[] = [];
    for (let at = 0; at <= text.length; at++) {
      for (const shape of bySuffix.get(text.slice(at)) ?? []) if (shape.regex.test(text)) patterns.push(...shape.entries);
    }
    const found = { exact: exact.get(text) ?? [], patterns };
    matches.set(text, found);
    return found;
  };
  return {
    lookup(name, from, fromRegion) {
      const fits = (entry: ExportEntry): boolean => {
        if (entry.template.file === from) return false;
        // Imports see only the exports of their own region.
        const region = regionOf(entry.template.file);
        return region === undefined || fromRegion === undefined || region === fromRegion;
      };
      const found = matchesOf(name.value);
      const exactMatches = found.exact.filter(fits);
      const patternMatches = found.patterns.filter(fits);
      return { exact: exactMatches, patterns: patternMatches, all: [...exactMatches, ...patternMatches] };
    },
  };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The exports of the last environment each template was linked in, which most analyses reuse. */
const exportCache = new WeakMap<Template, { readonly key: string; readonly entries: readonly ExportEntry[] }>();

function cachedExports(template: Template, env: EvalEnv): readonly ExportEntry[] {
  const key = envKey(env);
  const cached = exportCache.get(template);
  if (cached?.key === key) return cached.entries;
  const entries = exportsOf(template, env);
  exportCache.set(template, { key, entries });
  return entries;
}

/** The exports of a template, with names evaluated in `env` (imports in names are not followed). */
export function exportsOf(template: Template, env: EvalEnv): ExportEntry[] {
  const entries: ExportEntry[] = [];
  const nameEnv: EvalEnv = { ...env, resolveImport: () => undefined };
  for (const output of template.outputs.values()) {
    if (!output.exportNameNode) continue;
    const name = evaluate(output.exportNameNode, nameEnv, ANY_SCENARIO);
    if (name.kind === 'string') entries.push({ template, output, name, valueNode: output.valueNode });
    else if (name.kind === 'number') entries.push({ template, output, name: str(String(name.value)), valueNode: output.valueNode });
  }
  return entries;
}

function stackNamePattern(text: string): RegExp {
  // Later occurrences are a backreference to the first, so one stack name fills every place (one group per occurrence would also backtrack exponentially).
  return new RegExp(`^${text.split(STACK_NAME).map(escapeRegExp).reduce((pattern, part, index) => `${pattern}${index === 1 ? STACK_NAME_PATTERN : '\\1'}${part}`)}$`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
