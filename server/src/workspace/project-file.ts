/**
 * The project file `.cfn-network-lens.yaml` at the workspace root, text in and a validated
 * configuration out: which stacks deploy which templates with which parameter files, the region,
 * rule severities and ignored paths. Every problem (an unknown key, a wrong type, a path that leaves
 * the workspace) comes back with its range and a message that says how to fix it; nothing throws.
 * See docs/project-file.md.
 */
import { parse, scalarText, type MapNode, type Node, type TextRange } from '../syntax';
import { scalarValue, type ParameterSetting, type WorkspaceProblem } from './parameter-files';
import { escapeReason, resolveAgainst } from './paths';

/** The name of the project file at the root of a workspace folder. */
export const PROJECT_FILE_NAME = '.cfn-network-lens.yaml';

export type SeverityName = 'error' | 'warning' | 'info' | 'off';

/** A value with the range it is written at. */
export interface Located<T> {
  readonly value: T;
  readonly range: TextRange;
}

/** A path written in the project file, resolved against the workspace root. */
export interface ProjectPath extends Located<string> {
  /** The file it names, in the root's identity style. */
  readonly file: string;
}

/** One entry of `stacks`. */
export interface ProjectStack {
  readonly range: TextRange;
  readonly name?: Located<string>;
  readonly template?: ProjectPath;
  /** A parameter file (`parameters: params/network.json`). */
  readonly parameterFile?: ProjectPath;
  /** Parameter values written in the project file (`parameters: {Key: value}`). */
  readonly parameters?: ReadonlyMap<string, ParameterSetting>;
  readonly deployment?: ProjectPath;
  readonly samconfig?: ProjectPath;
  readonly environment?: Located<string>;
  readonly region?: Located<string>;
}

export interface ProjectConfig {
  readonly file: string;
  readonly region?: Located<string>;
  readonly stacks: readonly ProjectStack[];
  readonly rules: Readonly<Record<string, SeverityName>>;
  /** Glob patterns, relative to the root, of files that are never analysed. */
  readonly ignore: readonly string[];
  readonly problems: readonly WorkspaceProblem[];
}

const TOP_LEVEL_KEYS = ['version', 'region', 'stacks', 'rules', 'ignore'] as const;
const STACK_KEYS = ['name', 'template', 'parameters', 'deployment', 'samconfig', 'environment', 'region'] as const;
const SEVERITIES: readonly SeverityName[] = ['error', 'warning', 'info', 'off'];
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
const STACK_NAME = /^[A-Za-z][-A-Za-z0-9]{0,127}$/;

export interface ProjectFileOptions {
  /** The rule ids that exist, to catch typos in `rules`. */
  readonly ruleIds?: readonly string[];
}

/** Read and validate a project file. */
export function parseProjectFile(file: string, text: string, root: string, options: ProjectFileOptions = {}): ProjectConfig {
  const problems: WorkspaceProblem[] = [];
  const problem = (range: TextRange, message: string, severity: 'error' | 'warning' = 'error'): void => {
    problems.push({ file, range, severity, message });
  };
  const parsed = parse(text);
  for (const error of parsed.errors) problem(error.range, `The project file cannot be read: ${error.message.replace(/\.$/, '')}.`);
  const stacks: ProjectStack[] = [];
  const rules: Record<string, SeverityName> = {};
  const ignore: string[] = [];
  let region: Located<string> | undefined;
  const root_ = parsed.root;
  const empty = root_ === undefined || (root_.kind === 'scalar' && root_.value === null);
  if (!empty && root_?.kind !== 'map') {
    if (root_) problem(root_.range, 'The project file is a map with the keys "stacks", "region", "rules" and "ignore".');
    return { file, stacks, rules, ignore, problems };
  }

  const path = (node: Node, what: string): ProjectPath | undefined => {
    const value = scalarText(node);
    if (node.kind !== 'scalar' || value === undefined || value.trim() === '') {
      problem(node.range, `${what} is a path relative to the project file's folder, a string.`);
      return undefined;
    }
    const escape = escapeReason(root, value.trim());
    if (escape !== undefined) {
      problem(node.range, `${upperFirst(escape)}; the project file may only name files inside its own folder.`);
      return undefined;
    }
    const resolved = resolveAgainst(root, value.trim());
    return resolved === undefined ? undefined : { value: value.trim(), range: node.range, file: resolved };
  };
  const string = (node: Node, what: string): Located<string> | undefined => {
    const value = node.kind === 'scalar' && typeof node.value === 'string' ? node.value : undefined;
    if (value === undefined || value.trim() === '') {
      problem(node.range, `${what} is a string.`);
      return undefined;
    }
    return { value: value.trim(), range: node.range };
  };
  const regionOf = (node: Node): Located<string> | undefined => {
    const value = string(node, '"region"');
    if (value && !REGION.test(value.value)) {
      problem(node.range, `"${value.value}" is not a region; write one such as eu-west-1.`);
      return undefined;
    }
    return value;
  };

  for (const pair of empty ? [] : (root_ as MapNode).pairs) {
    const key = String(pair.key.value);
    switch (key) {
      case 'version':
        if (scalarText(pair.value) !== '1') problem(pair.value.range, 'The only project file version is 1.');
        break;
      case 'region':
        region = regionOf(pair.value);
        break;
      case 'stacks':
        if (pair.value.kind === 'scalar' && pair.value.value === null) break;
        if (pair.value.kind !== 'seq') {
          problem(pair.value.range, '"stacks" is a list of stacks, each with a "template" or a "deployment" or "samconfig" file.');
          break;
        }
        for (const item of pair.value.items) {
          const stack = readStack(item);
          if (stack) stacks.push(stack);
        }
        break;
      case 'rules':
        if (pair.value.kind === 'scalar' && pair.value.value === null) break;
        if (pair.value.kind !== 'map') {
          problem(pair.value.range, '"rules" is a map from rule id to error, warning, info or off.');
          break;
        }
        for (const rule of pair.value.pairs) {
          const id = String(rule.key.value);
          const severity = scalarText(rule.value);
          if (options.ruleIds && !options.ruleIds.includes(id)) {
            const near = closest(id, options.ruleIds);
            problem(rule.key.range, `There is no rule "${id}"${near ? `; did you mean "${near}"?` : '.'}`);
            continue;
          }
          if (severity === undefined || !SEVERITIES.includes(severity as SeverityName)) {
            problem(rule.value.range, `The severity of "${id}" is error, warning, info or off.`);
            continue;
          }
          rules[id] = severity as SeverityName;
        }
        break;
      case 'ignore':
        if (pair.value.kind === 'scalar' && pair.value.value === null) break;
        if (pair.value.kind !== 'seq') {
          problem(pair.value.range, '"ignore" is a list of glob patterns, such as "legacy/**".');
          break;
        }
        for (const item of pair.value.items) {
          const pattern = string(item, 'Each "ignore" entry');
          if (pattern) ignore.push(pattern.value);
        }
        break;
      default: {
        const near = closest(key, TOP_LEVEL_KEYS);
        problem(pair.key.range, near ? `The project file has no key "${key}"; did you mean "${near}"?` : `The project file has no key "${key}"; its keys are ${listKeys(TOP_LEVEL_KEYS)}.`);
      }
    }
  }

  function readStack(node: Node): ProjectStack | undefined {
    if (node.kind !== 'map') {
      problem(node.range, 'Each stack is a map with a "template" (or a "deployment" or "samconfig" file) and optionally a "name" and "parameters".');
      return undefined;
    }
    const stack: { -readonly [K in keyof ProjectStack]?: ProjectStack[K] } = { range: node.range };
    for (const pair of node.pairs) {
      const key = String(pair.key.value);
      switch (key) {
        case 'name': {
          const name = string(pair.value, 'The stack "name"');
          if (name && !STACK_NAME.test(name.value)) problem(pair.value.range, `"${name.value}" is not a stack name: it starts with a letter and has only letters, digits and hyphens.`);
          else if (name) stack.name = name;
          break;
        }
        case 'template': {
          const template = path(pair.value, '"template"');
          if (template) stack.template = template;
          break;
        }
        case 'deployment': {
          const deployment = path(pair.value, '"deployment"');
          if (deployment) stack.deployment = deployment;
          break;
        }
        case 'samconfig': {
          const samconfig = path(pair.value, '"samconfig"');
          if (samconfig) stack.samconfig = samconfig;
          break;
        }
        case 'environment': {
          const environment = string(pair.value, '"environment"');
          if (environment) stack.environment = environment;
          break;
        }
        case 'region': {
          const value = regionOf(pair.value);
          if (value) stack.region = value;
          break;
        }
        case 'parameters':
          if (pair.value.kind === 'map') {
            const parameters = new Map<string, ParameterSetting>();
            for (const parameter of pair.value.pairs) {
              const value = scalarValue(parameter.value);
              if (value === undefined) problem(parameter.value.range, `The value of parameter "${String(parameter.key.value)}" is a string; write a list as one comma-separated string.`);
              else parameters.set(String(parameter.key.value), { value, range: parameter.key.range, file });
            }
            stack.parameters = parameters;
          } else {
            const file = path(pair.value, '"parameters"');
            if (file) stack.parameterFile = file;
          }
          break;
        default: {
          const near = closest(key, STACK_KEYS);
          problem(pair.key.range, near ? `A stack has no key "${key}"; did you mean "${near}"?` : `A stack has no key "${key}"; its keys are ${listKeys(STACK_KEYS)}.`);
        }
      }
    }
    const sources = [stack.template, stack.deployment, stack.samconfig].filter((entry) => entry !== undefined).length;
    if (sources === 0 && !node.pairs.some((pair) => ['template', 'deployment', 'samconfig'].includes(String(pair.key.value)))) {
      problem(node.range, 'This stack names no template: give "template", or a "deployment" or "samconfig" file that names one.');
      return undefined;
    }
    if (stack.deployment && stack.samconfig) problem(stack.samconfig.range, 'A stack takes its template from a "deployment" file or a "samconfig" file, not both.');
    if (stack.environment && !stack.samconfig) problem(stack.environment.range, '"environment" chooses the samconfig.toml environment, so it needs "samconfig".', 'warning');
    return stack as ProjectStack;
  }

  // A stack name is unique within a region.
  const seen = new Map<string, ProjectStack>();
  for (const stack of stacks) {
    if (!stack.name) continue;
    const key = `${stack.region?.value ?? region?.value ?? ''}\u0000${stack.name.value}`;
    if (seen.has(key)) problem(stack.name.range, `Stack name "${stack.name.value}" is used twice; stack names are unique in a region.`);
    else seen.set(key, stack);
  }
  return { file, ...(region ? { region } : {}), stacks, rules, ignore, problems };
}

function listKeys(keys: readonly string[]): string {
  const quoted = keys.map((key) => `"${key}"`);
  return `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}

function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The candidate closest to `word` by edit distance, when it is close enough to be a typo. */
function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
