/**
 * The workspace split into components: groups of templates that can affect each other's findings.
 * Rules relate entities of different templates only through values that cross files: references
 * that imports and nested stacks carry, unresolved imports of one export name (which share an
 * identity), and literal resource ids written in several templates (`vpc-0abc…`, a `VpcId` parameter
 * given the same id). Templates that share none of these are analysed apart, so that one change
 * re-analyses only its own component and conditions of unrelated templates never multiply.
 */
import { isIntrinsicKey, type Node } from '../syntax';
import { ANY_SCENARIO, evaluate, str, type EvalEnv, type StringValue, type Template, type Value } from '../template';
import type { LinkedWorkspace } from './link';
import { envKey } from './value-keys';

export interface Component {
  /** The files of the component, sorted. */
  readonly files: readonly string[];
  /**
   * Equal for two components exactly when their analysis is certainly the same: the same template
   * texts (as parsed objects) evaluated with the same parameters, region and stack names.
   */
  readonly key: string;
}

/** What a template contributes to the component graph, independent of its environment. */
interface TemplateScan {
  /** The argument node of every `Fn::ImportValue`, and whether its name may change with conditions or other imports. */
  readonly imports: readonly { readonly node: Node; readonly dependent: boolean }[];
  /** Literal strings that may be resource ids shared with other templates. */
  readonly idTokens: readonly string[];
}

const scans = new WeakMap<Template, TemplateScan>();
const templateIds = new WeakMap<Template, number>();
let nextTemplateId = 1;

/**
 * Ids of the network resources the model relates (`vpc-0abc…`, `subnet-…`, `sg-…`, `pl-…`, …); an AMI
 * or a KMS key written in many templates relates nothing.
 */
const RESOURCE_ID = /^(vpc|subnet|sg|rtb|acl|vpce|pl|igw|eigw|nat|tgw|tgw-attach|pcx|eni|dopt|vgw|cagw|lgw)-[0-9a-f]{8}([0-9a-f]{9})?$/;
/**
 * Keys whose literal values name such resources whatever they look like (`VpcId: my-vpc`,
 * `SubnetIds`, `SecurityGroups`, `GroupId`, `VPCZoneIdentifier`, a parameter named `VpcId`).
 */
const ID_KEY = /(VpcId|SubnetIds?|Subnets|SecurityGroupIds?|SecurityGroups|GroupIds?|GroupSet|RouteTableIds?|NetworkAclId|PrefixListId|GatewayId|PeeringConnectionId|VpcEndpointId|NetworkInterfaceId|DhcpOptionsId|VPCZoneIdentifier)$/i;
/** Functions whose arguments are values that may flow into the property; the others' are names and expressions. */
const VALUE_FUNCTIONS: ReadonlySet<string> = new Set(['Fn::If', 'Fn::Select', 'Fn::Join', 'Fn::Split']);
const MAX_SCAN_DEPTH = 200;

/** Group the linked templates into components. */
export function workspaceComponents(linked: LinkedWorkspace): Component[] {
  const files = linked.templates.map((entry) => entry.template.file);
  const parent = new Map<string, string>();
  const find = (key: string): string => {
    let root = key;
    for (let next = parent.get(root); next !== undefined && next !== root; next = parent.get(root)) root = next;
    // Path compression keeps later finds short.
    for (let node = key, next = parent.get(node); next !== undefined && next !== root; node = next, next = parent.get(node)) parent.set(node, root);
    return root;
  };
  const union = (a: string, b: string): void => {
    if (!parent.has(a)) parent.set(a, a);
    if (!parent.has(b)) parent.set(b, b);
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra, rb);
  };
  const fileKey = (file: string): string => `file:${file}`;
  for (const file of files) parent.set(fileKey(file), fileKey(file));

  let joinAll = false;
  for (const { template, env } of linked.templates) {
    const self = fileKey(template.file);
    const scan = scanTemplate(template);
    for (const name of importNames(template, env, scan)) {
      if (name === undefined) {
        // A name that only conditions or other imports decide could name any export.
        joinAll = true;
        continue;
      }
      union(self, `import:${name.value}`);
      for (const match of linked.candidates(name, template)) union(self, fileKey(match.template.file));
    }
    for (const token of scan.idTokens) union(self, `id:${token}`);
    for (const token of parameterTokens(env)) union(self, `id:${token}`);
  }
  for (const nested of linked.nestedStacks) if (nested.child !== undefined) union(fileKey(nested.parent.file), fileKey(nested.child));

  const groups = new Map<string, string[]>();
  for (const file of files) {
    const root = joinAll ? '*' : find(fileKey(file));
    const group = groups.get(root);
    if (group) group.push(file);
    else groups.set(root, [file]);
  }
  const envs = new Map(linked.templates.map((entry) => [entry.template.file, entry]));
  return [...groups.values()].map((group) => {
    const sorted = [...new Set(group)].sort();
    const key = sorted
      .map((file) => {
        const entry = envs.get(file);
        return entry ? `${file}\u0001${templateId(entry.template)}\u0001${envKey(entry.env)}` : file;
      })
      .join('\u0002');
    return { files: sorted, key };
  });
}

/** A number that stays the same for one parsed template object and differs for any other. */
export function templateId(template: Template): number {
  let id = templateIds.get(template);
  if (id === undefined) templateIds.set(template, (id = nextTemplateId++));
  return id;
}

/** Import names of the last environment each template was linked in, which most analyses reuse. */
const importNameCache = new WeakMap<Template, { readonly key: string; readonly names: readonly (StringValue | undefined)[] }>();

/**
 * The names a template imports, evaluated in its environment; undefined for a name that only
 * conditions or other imports decide. A name unknown for any other reason relates to nothing.
 */
function importNames(template: Template, env: EvalEnv, scan: TemplateScan): readonly (StringValue | undefined)[] {
  if (scan.imports.length === 0) return [];
  const key = envKey(env);
  const cached = importNameCache.get(template);
  if (cached?.key === key) return cached.names;
  const names: (StringValue | undefined)[] = [];
  for (const entry of scan.imports) {
    const name = evaluate(entry.node, env, ANY_SCENARIO);
    const text = name.kind === 'string' ? name : name.kind === 'number' ? str(String(name.value)) : undefined;
    if (text !== undefined) names.push(text);
    else if (entry.dependent) names.push(undefined);
  }
  // A name built from another import depends on more than this template's environment: never cached.
  if (!scan.imports.some((entry) => entry.dependent)) importNameCache.set(template, { key, names });
  return names;
}

function scanTemplate(template: Template): TemplateScan {
  const known = scans.get(template);
  if (known) return known;
  const imports: { node: Node; dependent: boolean }[] = [];
  const tokens = new Set<string>();
  const visit = (node: Node | undefined, key: string | undefined, depth: number): void => {
    if (node === undefined || depth > MAX_SCAN_DEPTH) return;
    switch (node.kind) {
      case 'scalar':
        if (typeof node.value === 'string' && isIdToken(node.value, key)) tokens.add(node.value);
        return;
      case 'seq':
        for (const item of node.items) visit(item, key, depth + 1);
        return;
      case 'map': {
        const only = node.pairs.length === 1 ? node.pairs[0] : undefined;
        if (only && only.key.value === 'Fn::ImportValue') imports.push({ node: only.value, dependent: mentions(only.value, ['Fn::If', 'Fn::ImportValue'], 0) });
        for (const pair of node.pairs) {
          const name = String(pair.key.value);
          // `!Ref Group` under `SecurityGroupIds` names a resource of the template, not a shared id; so does the condition of `Fn::If`.
          const value = name === 'Fn::If' && pair.value.kind === 'seq' ? { ...pair.value, items: pair.value.items.slice(1) } : pair.value;
          visit(value, !isIntrinsicKey(name) ? name : VALUE_FUNCTIONS.has(name) ? key : undefined, depth + 1);
        }
      }
    }
  };
  visit(template.root, undefined, 0);
  // A parameter named like an id (`VpcId`) whose default is a literal names that resource.
  for (const parameter of template.parameters.values()) {
    const value = parameter.defaultNode?.kind === 'scalar' ? parameter.defaultNode.value : undefined;
    if (typeof value === 'string') for (const item of value.split(',')) if (isIdToken(item.trim(), parameter.name)) tokens.add(item.trim());
  }
  const scan = { imports, idTokens: [...tokens] };
  scans.set(template, scan);
  return scan;
}

function isIdToken(text: string, key: string | undefined): boolean {
  if (text.length < 3 || text.length > 128 || /[\s${}]/.test(text)) return false;
  return RESOURCE_ID.test(text) || (key !== undefined && ID_KEY.test(key));
}

/** Literal ids among the pinned parameter values (from parameter files). */
function parameterTokens(env: EvalEnv): string[] {
  const tokens: string[] = [];
  for (const [name, value] of env.parameters ?? []) {
    const add = (item: Value): void => {
      if (item.kind === 'string' && !item.symbols && isIdToken(item.value, name)) tokens.push(item.value);
      else if (item.kind === 'list') item.items.forEach(add);
    };
    add(value);
  }
  return tokens;
}

function mentions(node: Node, keys: readonly string[], depth: number): boolean {
  if (depth > MAX_SCAN_DEPTH) return true;
  if (node.kind === 'seq') return node.items.some((item) => mentions(item, keys, depth + 1));
  if (node.kind === 'map') return node.pairs.some((pair) => keys.includes(String(pair.key.value)) || mentions(pair.value, keys, depth + 1));
  return false;
}
