/**
 * Reading parameter values from the files deployments use, text in and values out: CloudFormation
 * parameter files (`[{"ParameterKey", "ParameterValue"}]` as the AWS CLI reads them, and
 * `{"Parameters": {…}}` as CodePipeline reads them), git-sync deployment files
 * (`template-file-path`, `parameters`) and SAM's `samconfig.toml` (`parameter_overrides`,
 * `stack_name`, `region`). Problems come back with the range they concern; nothing here throws.
 */
import { LineIndex, scalarText, parse, type Node, type TextRange } from '../syntax';

// smol-toml ships CommonJS for `require` but declares its types only as an ES module.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parse: parseToml, TomlError } = require('smol-toml') as typeof import('smol-toml', { with: { 'resolution-mode': 'import' } });

/** Something wrong with a workspace file, in the user's terms, at the place it concerns. */
export interface WorkspaceProblem {
  readonly file: string;
  readonly range: TextRange;
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

/** One parameter value: a string, or unknown when the deployment keeps its previous value. */
export interface ParameterSetting {
  /** Undefined when the value is not in the file (`UsePreviousValue`). */
  readonly value: string | undefined;
  /** Why the value is unknown, when it is. */
  readonly reason?: string;
  /** Where the value is written, to point at it. */
  readonly range: TextRange;
  /** The file it is written in. */
  readonly file?: string;
}

/** What one file says about the stack it deploys. */
export interface StackSettings {
  readonly file: string;
  readonly parameters: ReadonlyMap<string, ParameterSetting>;
  /** The template, relative to the workspace root (deployment files) or to the file's folder (samconfig). */
  readonly templatePath?: { readonly value: string; readonly range: TextRange };
  readonly stackName?: string;
  readonly region?: string;
  readonly problems: readonly WorkspaceProblem[];
}

/** The kinds of file `readParameterFile` tells apart. */
/** The name of SAM's configuration file, next to the templates it deploys. */
export const SAMCONFIG = 'samconfig.toml';

export type ParameterFileKind = 'cloudformation' | 'codepipeline' | 'deployment' | 'samconfig';

/** Whether a YAML or JSON text is a git-sync deployment file: a map with `template-file-path`. */
export function isDeploymentFile(text: string): boolean {
  if (!/template-file-path/.test(text)) return false;
  const root = parse(text).root;
  return root?.kind === 'map' && root.pairs.some((pair) => pair.key.value === 'template-file-path');
}

/**
 * Read a parameter file of any supported kind: `samconfig` for TOML (by its name), otherwise by
 * shape: a list of `ParameterKey`/`ParameterValue` pairs, a map with `Parameters`, or a map with
 * `template-file-path`.
 */
export function readParameterFile(file: string, text: string, options: { readonly environment?: string } = {}): StackSettings & { readonly kind: ParameterFileKind | undefined } {
  if (/\.toml$/i.test(file)) return { ...readSamConfig(file, text, options.environment ?? 'default'), kind: 'samconfig' };
  const parsed = parse(text);
  const problems: WorkspaceProblem[] = parsed.errors.map((error) => ({ file, range: error.range, severity: 'error', message: `The parameter file cannot be read: ${error.message.replace(/\.$/, '')}.` }));
  const root = parsed.root;
  if (root?.kind === 'seq') return { ...readCloudFormationList(file, root, problems), kind: 'cloudformation' };
  if (root?.kind === 'map') {
    if (root.pairs.some((pair) => pair.key.value === 'template-file-path')) return { ...readDeploymentFile(file, root, problems), kind: 'deployment' };
    if (root.pairs.some((pair) => pair.key.value === 'Parameters')) return { ...readCodePipeline(file, root, problems), kind: 'codepipeline' };
  }
  if (problems.length === 0) {
    problems.push({
      file,
      range: root?.range ?? [0, 0],
      severity: 'error',
      message: 'This is not a parameter file: expected a list of ParameterKey and ParameterValue pairs, a map with "Parameters", or a deployment file with "template-file-path".',
    });
  }
  return { file, parameters: new Map(), problems, kind: undefined };
}

function readCloudFormationList(file: string, root: Extract<Node, { kind: 'seq' }>, problems: WorkspaceProblem[]): StackSettings {
  const parameters = new Map<string, ParameterSetting>();
  for (const item of root.items) {
    if (item.kind !== 'map') {
      problems.push({ file, range: item.range, severity: 'error', message: 'Each entry of a parameter file is a map with "ParameterKey" and "ParameterValue".' });
      continue;
    }
    let key: string | undefined;
    let value: ParameterSetting | undefined;
    let usePrevious = false;
    for (const pair of item.pairs) {
      switch (pair.key.value) {
        case 'ParameterKey':
          key = scalarText(pair.value);
          if (key === undefined) problems.push({ file, range: pair.value.range, severity: 'error', message: '"ParameterKey" is the name of a parameter, a string.' });
          break;
        case 'ParameterValue': {
          const text = scalarValue(pair.value);
          if (text === undefined) problems.push({ file, range: pair.value.range, severity: 'error', message: '"ParameterValue" is a string; write a list as one comma-separated string.' });
          else value = { value: text, range: pair.value.range };
          break;
        }
        case 'UsePreviousValue':
          usePrevious = pair.value.kind === 'scalar' && (pair.value.value === true || scalarText(pair.value) === 'true');
          break;
        case 'ResolvedValue':
          break;
        default:
          problems.push({ file, range: pair.key.range, severity: 'warning', message: `An entry of a parameter file has no key "${String(pair.key.value)}"; its keys are "ParameterKey", "ParameterValue", "UsePreviousValue" and "ResolvedValue".` });
      }
    }
    if (key === undefined) {
      if (!item.pairs.some((pair) => pair.key.value === 'ParameterKey')) problems.push({ file, range: item.range, severity: 'error', message: 'This entry has no "ParameterKey".' });
      continue;
    }
    if (usePrevious) value = { value: undefined, reason: `parameter "${key}" keeps the value of the previous deployment`, range: item.range };
    if (!value) {
      problems.push({ file, range: item.range, severity: 'error', message: `Parameter "${key}" has neither "ParameterValue" nor "UsePreviousValue: true".` });
      continue;
    }
    addParameter(parameters, key, value, file, problems);
  }
  return { file, parameters, problems };
}

function readCodePipeline(file: string, root: Extract<Node, { kind: 'map' }>, problems: WorkspaceProblem[]): StackSettings {
  const parameters = new Map<string, ParameterSetting>();
  for (const pair of root.pairs) {
    switch (pair.key.value) {
      case 'Parameters':
        readParameterMap(file, pair.value, parameters, problems);
        break;
      case 'Tags':
      case 'StackPolicy':
        break;
      default:
        problems.push({ file, range: pair.key.range, severity: 'warning', message: `A template configuration file has no key "${String(pair.key.value)}"; its keys are "Parameters", "Tags" and "StackPolicy".` });
    }
  }
  return { file, parameters, problems };
}

function readDeploymentFile(file: string, root: Extract<Node, { kind: 'map' }>, problems: WorkspaceProblem[]): StackSettings {
  const parameters = new Map<string, ParameterSetting>();
  let templatePath: StackSettings['templatePath'];
  for (const pair of root.pairs) {
    switch (pair.key.value) {
      case 'template-file-path': {
        const value = scalarText(pair.value);
        if (value === undefined || value.trim() === '') problems.push({ file, range: pair.value.range, severity: 'error', message: '"template-file-path" is the path of the template in the repository, a string.' });
        else templatePath = { value: value.trim(), range: pair.value.range };
        break;
      }
      case 'parameters':
        readParameterMap(file, pair.value, parameters, problems);
        break;
      case 'tags':
        break;
      default:
        problems.push({ file, range: pair.key.range, severity: 'warning', message: `A deployment file has no key "${String(pair.key.value)}"; its keys are "template-file-path", "parameters" and "tags".` });
    }
  }
  return { file, parameters, problems, ...(templatePath ? { templatePath } : {}) };
}

function readParameterMap(file: string, node: Node, parameters: Map<string, ParameterSetting>, problems: WorkspaceProblem[]): void {
  if (node.kind === 'scalar' && node.value === null) return;
  if (node.kind !== 'map') {
    problems.push({ file, range: node.range, severity: 'error', message: 'Parameters are a map from parameter name to value.' });
    return;
  }
  for (const pair of node.pairs) {
    const value = scalarValue(pair.value);
    if (value === undefined) {
      problems.push({ file, range: pair.value.range, severity: 'error', message: `The value of parameter "${String(pair.key.value)}" is a string; write a list as one comma-separated string.` });
      continue;
    }
    addParameter(parameters, String(pair.key.value), { value, range: pair.value.range }, file, problems);
  }
}

function addParameter(parameters: Map<string, ParameterSetting>, key: string, value: ParameterSetting, file: string, problems: WorkspaceProblem[]): void {
  if (parameters.has(key)) problems.push({ file, range: value.range, severity: 'warning', message: `Parameter "${key}" is given twice; the last value counts.` });
  parameters.set(key, { ...value, file });
}

/** A scalar as CloudFormation passes it (numbers and booleans as written); a list of scalars joined by commas. */
/** A parameter value as a string: a scalar, or a list of scalars joined with commas as CloudFormation takes lists. */
export function scalarValue(node: Node): string | undefined {
  if (node.kind === 'scalar') return node.value === null ? '' : scalarText(node);
  if (node.kind === 'seq') {
    const items = node.items.map((item) => (item.kind === 'scalar' ? scalarText(item) : undefined));
    return items.every((item) => item !== undefined) ? items.join(',') : undefined;
  }
  return undefined;
}

/**
 * Read `samconfig.toml` for one environment (`default` unless named): `stack_name`, `region`,
 * `parameter_overrides` and `template_file` from the `deploy` section, falling back to `global`.
 */
export function readSamConfig(file: string, text: string, environment = 'default'): StackSettings {
  const problems: WorkspaceProblem[] = [];
  let document: Record<string, unknown>;
  try {
    document = parseToml(text) as Record<string, unknown>;
  } catch (error) {
    // TOML positions count from 1.
    const at = error instanceof TomlError ? new LineIndex(text).offsetAt({ line: error.line - 1, character: Math.max(0, error.column - 1) }) : 0;
    const message = error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error);
    problems.push({ file, range: [at, at], severity: 'error', message: `samconfig.toml cannot be read: ${message.replace(/\.$/, '')}.` });
    return { file, parameters: new Map(), problems };
  }
  const section = (command: string): Record<string, unknown> => {
    const env = document[environment];
    const commandTable = isTable(env) ? env[command] : undefined;
    const parameters = isTable(commandTable) ? commandTable.parameters : undefined;
    return isTable(parameters) ? parameters : {};
  };
  if (!isTable(document[environment])) {
    problems.push({ file, range: [0, 0], severity: 'warning', message: `samconfig.toml has no "${environment}" environment.` });
  }
  const deploy = section('deploy');
  const global = section('global');
  const setting = (key: string): unknown => deploy[key] ?? global[key];
  const parameters = new Map<string, ParameterSetting>();
  const overrides = setting('parameter_overrides');
  const where = (needle: string): TextRange => {
    const at = text.indexOf(needle);
    return at < 0 ? [0, 0] : [at, at + needle.length];
  };
  if (overrides !== undefined) {
    const entries = typeof overrides === 'string' ? splitOverrides(overrides) : Array.isArray(overrides) ? overrides.flatMap((entry) => (typeof entry === 'string' ? splitOverrides(entry) : [undefined])) : [undefined];
    for (const entry of entries) {
      const pair = entry === undefined ? undefined : parseOverride(entry);
      if (!pair) {
        problems.push({ file, range: where('parameter_overrides'), severity: 'error', message: `"parameter_overrides" holds ${entry === undefined ? 'a value that is not a string' : `"${entry}"`}, which is not Key=Value.` });
        continue;
      }
      addParameter(parameters, pair[0], { value: pair[1], range: where(pair[0]) }, file, problems);
    }
  }
  const text_ = (key: string): string | undefined => {
    const value = setting(key);
    if (value === undefined) return undefined;
    if (typeof value === 'string') return value;
    problems.push({ file, range: where(key), severity: 'error', message: `"${key}" is a string.` });
    return undefined;
  };
  const stackName = text_('stack_name');
  const region = text_('region');
  const template = text_('template_file') ?? text_('template');
  return {
    file,
    parameters,
    problems,
    ...(stackName ? { stackName } : {}),
    ...(region ? { region } : {}),
    ...(template ? { templatePath: { value: template, range: where(template) } } : {}),
  };
}

function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** `A=1 B="two words"` into `A=1` and `B=two words`, with shell-like quotes. */
export function splitOverrides(text: string): string[] {
  const entries: string[] = [];
  let current = '';
  let quote: string | undefined;
  let started = false;
  for (const char of text) {
    if (quote) {
      if (char === quote) quote = undefined;
      else current += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      started = true;
    } else if (/\s/.test(char)) {
      if (started) entries.push(current);
      current = '';
      started = false;
    } else {
      current += char;
      started = true;
    }
  }
  if (started) entries.push(current);
  return entries;
}

/** `Key=Value`, or the AWS CLI's `ParameterKey=Key,ParameterValue=Value`. */
function parseOverride(entry: string): [string, string] | undefined {
  const long = /^ParameterKey=([^,]+),ParameterValue=(.*)$/s.exec(entry);
  if (long?.[1] !== undefined && long[2] !== undefined) return [long[1], long[2]];
  const at = entry.indexOf('=');
  if (at <= 0) return undefined;
  return [entry.slice(0, at), entry.slice(at + 1)];
}
