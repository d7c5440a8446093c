/**
 * Linking templates into one network: the environment each template is evaluated in, with
 * `Fn::ImportValue` resolved against the exports of the other templates. An export name built with
 * `${AWS::StackName}` matches an import when the rest of the name matches and exactly one template
 * fits; an ambiguous match is unknown, never a guess.
 */
import {
  ANY_SCENARIO,
  evaluate,
  str,
  unknown,
  type EvalEnv,
  type Output,
  type StringValue,
  type Template,
  type Value,
} from '../template';
import type { ModelTemplate } from '../model';

export interface LinkOptions {
  /** The region templates are deployed to, when known. */
  readonly region?: string;
  /** Parameter values per file, pinned by parameter files or a project file. */
  readonly parameters?: ReadonlyMap<string, ReadonlyMap<string, Value>>;
  /** Stack names per file, from a project file. */
  readonly stackNames?: ReadonlyMap<string, string>;
}

/** An output's export, with its name evaluated in its own template. */
export interface ExportEntry {
  readonly template: Template;
  readonly output: Output;
  /** The export name as evaluated in its own template, `${AWS::StackName}` kept symbolic. */
  readonly name: StringValue;
  readonly valueNode: import('../syntax').Node | undefined;
}

const MAX_IMPORT_DEPTH = 8;

/** The environments of `templates`, linked through their exports. */
export function linkTemplates(templates: readonly Template[], options: LinkOptions = {}): ModelTemplate[] {
  const envs = new Map<string, EvalEnv>();
  const exports: ExportEntry[] = [];
  let depth = 0;

  const resolveImport = (name: StringValue, from: Template): Value | undefined => {
    const matches = exports.filter((entry) => entry.template !== from && exportMatches(entry, name, options));
    if (matches.length === 0) return undefined;
    if (matches.length > 1) {
      return unknown(`export "${name.value}" matches exports of ${matches.length} templates`, `import:${name.value}`);
    }
    const match = matches[0];
    const env = match ? envs.get(match.template.file) : undefined;
    if (!match || !env || !match.valueNode) return undefined;
    if (depth >= MAX_IMPORT_DEPTH) return unknown(`export "${name.value}" is imported through too many stacks`, `import:${name.value}`);
    depth++;
    try {
      return evaluate(match.valueNode, env, ANY_SCENARIO);
    } finally {
      depth--;
    }
  };

  for (const template of templates) {
    const parameters = options.parameters?.get(template.file);
    const stackName = options.stackNames?.get(template.file);
    const env: EvalEnv = {
      template,
      ...(parameters ? { parameters } : {}),
      ...(options.region ? { region: options.region } : {}),
      ...(stackName ? { stackName } : {}),
      resolveImport,
    };
    envs.set(template.file, env);
  }
  for (const template of templates) {
    const env = envs.get(template.file);
    if (env) exports.push(...exportsOf(template, env));
  }
  return templates.map((template) => ({ template, env: envs.get(template.file) as EvalEnv }));
}

/** The exports of a template whose names are known up to `${AWS::StackName}`. */
export function exportsOf(template: Template, env: EvalEnv): ExportEntry[] {
  const entries: ExportEntry[] = [];
  for (const output of template.outputs.values()) {
    if (!output.exportNameNode) continue;
    const name = evaluate(output.exportNameNode, { ...env, resolveImport: () => undefined }, ANY_SCENARIO);
    if (name.kind === 'string') entries.push({ template, output, name, valueNode: output.valueNode });
    else if (name.kind === 'number') entries.push({ template, output, name: str(String(name.value)), valueNode: output.valueNode });
  }
  return entries;
}

/**
 * Whether an export's name matches an import's. Literal names match exactly; a name with
 * `${AWS::StackName}` (and no other placeholder) matches any stack name in its place.
 * Exported for go-to-definition on `Fn::ImportValue`, which must match exactly as linking does.
 */
export function exportMatches(entry: ExportEntry, imported: StringValue, options: LinkOptions): boolean {
  if (imported.symbols && imported.symbols.length > 0) return entry.name.value === imported.value && sameSymbols(entry.name, imported);
  const exportSymbols = entry.name.symbols ?? [];
  if (exportSymbols.length === 0) return entry.name.value === imported.value;
  if (exportSymbols.some((symbol) => symbol !== 'AWS::StackName')) return false;
  const pinned = options.stackNames?.get(entry.template.file);
  if (pinned !== undefined) return entry.name.value.split('${AWS::StackName}').join(pinned) === imported.value;
  const pattern = new RegExp(`^${entry.name.value.split('${AWS::StackName}').map(escapeRegExp).join('([A-Za-z][-A-Za-z0-9]*)')}$`);
  const match = pattern.exec(imported.value);
  if (!match) return false;
  // Every occurrence of the stack name must be the same name.
  const names = new Set(match.slice(1));
  return names.size <= 1;
}

function sameSymbols(a: StringValue, b: StringValue): boolean {
  return (a.symbols ?? []).join('\u0000') === (b.symbols ?? []).join('\u0000');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
