/**
 * `analyze(files, options)`: the engine's front door. Parses every file, keeps the templates,
 * links them into one workspace, splits it into components of templates that can affect each other,
 * builds each component's network model and runs the rules on it (reusing the results of components
 * that did not change), and returns findings with everything the editor features need (the parse
 * trees, line indexes, one model of the whole workspace and the rule context for fixes).
 */
import { DEFAULT_LIMITS, LineIndex, parse, type LineRange, type ParseLimits, type ParseResult, type TextRange } from '../syntax';
import { buildTemplate, isTemplate, type StringValue, type Template, type Value } from '../template';
import { buildNetworkModel, type NetworkModel } from '../model';
import { allRules, compareFindings, createRuleContext, runRules, type Finding, type Rule, type RuleContext, type SeveritySetting } from '../rules';
import { workspaceComponents, type Component } from '../workspace/components';
import { linkWorkspace, type ExportEntry, type LinkOptions, type NestedStack } from '../workspace/link';
import { mergeModels } from '../workspace/merge-models';

export interface SourceFile {
  /** The file's identity: a path for the CLI, a URI in the editor. */
  readonly file: string;
  readonly text: string;
}

export interface AnalysisOptions {
  /** Per-rule severity settings by rule id. */
  readonly severities?: Readonly<Record<string, SeveritySetting>>;
  /** The region templates are deployed to, when known. */
  readonly region?: string;
  /** Parameter values per file. */
  readonly parameters?: ReadonlyMap<string, ReadonlyMap<string, Value>>;
  /** Stack names per file. */
  readonly stackNames?: ReadonlyMap<string, string>;
  /** Regions per file, from project files; they win over `region`. */
  readonly regions?: ReadonlyMap<string, string>;
  /** Rule severities per file, from project files; `severities` wins over them. */
  readonly fileSeverities?: ReadonlyMap<string, Readonly<Record<string, SeveritySetting>>>;
  /** The file a nested stack's local location names; path arithmetic on the parent's identity by default. */
  readonly resolveLocation?: (fromFile: string, location: string) => string | undefined;
  readonly limits?: Partial<ParseLimits>;
  /** The rules to run; all of them by default. */
  readonly rules?: readonly Rule[];
  readonly onRuleError?: (ruleId: string, error: unknown) => void;
  /**
   * Parsed files from an earlier analysis, reused when a file's text and the limits are unchanged;
   * the map is updated with this analysis's files. Keeps a keystroke from re-parsing a workspace.
   */
  readonly fileCache?: Map<string, FileAnalysis>;
  /**
   * Models and findings of components from an earlier analysis, reused when a component's templates
   * and their parameters are unchanged; updated with this analysis's components.
   */
  readonly componentCache?: ComponentCache;
  /**
   * The files whose findings are wanted (the open documents, the files a CLI run checks). A component
   * without any of them is linked and modelled, for links and editor features, but its rules are not
   * run. Every file's findings when absent.
   */
  readonly findingsFor?: ReadonlySet<string>;
}

/** The analysis of one component, kept between analyses. */
export interface ComponentAnalysis {
  readonly component: Component;
  readonly model: NetworkModel;
  readonly findings: readonly Finding[];
  /** Whether the rules ran: false for a component none of whose files' findings were wanted. */
  readonly checked: boolean;
}

/** What `componentCache` holds; make one with `createComponentCache()`. */
export interface ComponentCache {
  /** The rules and severities the entries were computed with. */
  settingsKey: string | undefined;
  readonly entries: Map<string, ComponentAnalysis>;
  /** The analysis that last used each entry, counted by `generation`. */
  readonly used: Map<string, number>;
  generation: number;
}

export function createComponentCache(): ComponentCache {
  return { settingsKey: undefined, entries: new Map(), used: new Map(), generation: 0 };
}

/**
 * Entries survive this many analyses that do not use them, so that an analysis of other versions in
 * between (the network impact of an edit compares against the saved file) does not evict the
 * editor's components.
 */
const CACHE_GENERATIONS = 3;

export interface FileAnalysis {
  readonly file: string;
  readonly text: string;
  readonly parse: ParseResult;
  readonly isTemplate: boolean;
  readonly template: Template;
  readonly lines: LineIndex;
  /** The limits the file was parsed with, to tell whether a cached parse still applies. */
  readonly limits: ParseLimits;
}

export interface Analysis {
  readonly files: ReadonlyMap<string, FileAnalysis>;
  /** The model of every template (built on first use from the components' models). */
  readonly model: NetworkModel;
  readonly findings: readonly Finding[];
  readonly context: RuleContext;
  readonly options: AnalysisOptions;
  /** The groups of templates that were analysed together. */
  readonly components: readonly Component[];
  /** Every nested stack resource and the template it nests, when the workspace has it. */
  readonly nestedStacks: readonly NestedStack[];
  /** The exports an `Fn::ImportValue` of `name` in `from` links to, as the analysis linked it. */
  importedExports(name: StringValue, from: Template): readonly ExportEntry[];
}

/** Analyse a set of files as one workspace. Never throws on file content. */
export function analyze(sources: readonly SourceFile[], options: AnalysisOptions = {}): Analysis {
  const limits: ParseLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const files = new Map<string, FileAnalysis>();
  for (const source of sources) {
    const cached = options.fileCache?.get(source.file);
    const file = cached && cached.text === source.text && sameLimits(cached.limits, limits) ? cached : analyzeFile(source, limits);
    files.set(source.file, file);
  }
  if (options.fileCache) {
    for (const file of options.fileCache.keys()) if (!files.has(file)) options.fileCache.delete(file);
    for (const [name, file] of files) options.fileCache.set(name, file);
  }
  const templates = [...files.values()].filter((file) => file.isTemplate).map((file) => file.template);
  const linkOptions: LinkOptions = {
    ...(options.region ? { region: options.region } : {}),
    ...(options.regions ? { regions: options.regions } : {}),
    ...(options.parameters ? { parameters: options.parameters } : {}),
    ...(options.stackNames ? { stackNames: options.stackNames } : {}),
    ...(options.resolveLocation ? { resolveLocation: options.resolveLocation } : {}),
  };
  const linked = linkWorkspace(templates, linkOptions);
  const components = workspaceComponents(linked);
  const rules = options.rules ?? allRules;
  const runOptions = {
    ...(options.severities ? { severities: options.severities } : {}),
    ...(options.onRuleError ? { onRuleError: options.onRuleError } : {}),
  };
  const cache = options.componentCache;
  const settingsKey = JSON.stringify([rules.map((rule) => rule.meta.id), options.severities ?? {}]);
  if (cache && cache.settingsKey !== settingsKey) {
    cache.entries.clear();
    cache.used.clear();
    cache.settingsKey = settingsKey;
  }
  const byFile = new Map(templates.map((template) => [template.file, template]));
  const wanted = options.findingsFor;
  const analysed = components.map((component): ComponentAnalysis => {
    const check = !wanted || component.files.some((file) => wanted.has(file));
    const cached = cache?.entries.get(component.key);
    if (cached && (cached.checked || !check)) return cached;
    const componentFiles = new Map(component.files.flatMap((file) => {
      const entry = files.get(file);
      return entry ? [[file, entry] as const] : [];
    }));
    // A component modelled earlier without its rules needs only them now.
    if (cached) return { ...cached, findings: runRules(createRuleContext(cached.model, componentFiles), rules, runOptions), checked: true };
    // Each component is linked on its own: it holds every template its imports may match, so the links
    // are the same, and a cached component keeps no other templates alive.
    const local = component.files.length === templates.length ? linked : linkWorkspace(component.files.flatMap((file) => byFile.get(file) ?? []), linkOptions);
    const model = buildNetworkModel(local.templates);
    return { component, model, findings: check ? runRules(createRuleContext(model, componentFiles), rules, runOptions) : [], checked: check };
  });
  if (cache) {
    const generation = ++cache.generation;
    for (const entry of analysed) {
      cache.entries.set(entry.component.key, entry);
      cache.used.set(entry.component.key, generation);
    }
    for (const [key, used] of cache.used) {
      if (used > generation - CACHE_GENERATIONS) continue;
      cache.used.delete(key);
      cache.entries.delete(key);
    }
  }
  const findings = applyFileSeverities(analysed.flatMap((entry) => entry.findings), options).sort(compareFindings);
  let model: NetworkModel | undefined;
  let context: RuleContext | undefined;
  return {
    files,
    get model() {
      return (model ??= mergeModels(analysed.map((entry) => entry.model)));
    },
    findings,
    get context() {
      return (context ??= createRuleContext(this.model, files));
    },
    options,
    components,
    nestedStacks: linked.nestedStacks,
    importedExports: (name, from) => linked.resolve(name, from),
  };
}

/** Severities from project files, for the rules that `severities` (the user's settings) leaves alone. */
function applyFileSeverities(findings: Finding[], options: AnalysisOptions): Finding[] {
  const perFile = options.fileSeverities;
  if (!perFile || perFile.size === 0) return findings;
  const result: Finding[] = [];
  for (const finding of findings) {
    const setting = options.severities?.[finding.rule] === undefined ? perFile.get(finding.file)?.[finding.rule] : undefined;
    if (setting === 'off') continue;
    result.push(setting === undefined ? finding : { ...finding, severity: setting });
  }
  return result;
}

/** Analyse one file on its own. */
export function analyzeText(file: string, text: string, options: AnalysisOptions = {}): Analysis {
  return analyze([{ file, text }], options);
}

function analyzeFile(source: SourceFile, limits: ParseLimits): FileAnalysis {
  const parsed = parse(source.text, limits);
  const template = buildTemplate(source.file, parsed);
  return {
    file: source.file,
    text: source.text,
    parse: parsed,
    isTemplate: detect(parsed),
    template,
    lines: new LineIndex(source.text),
    limits,
  };
}

function sameLimits(a: ParseLimits, b: ParseLimits): boolean {
  return a.maxLength === b.maxLength && a.maxDepth === b.maxDepth && a.maxAliasNodes === b.maxAliasNodes;
}

function detect(parsed: ParseResult): boolean {
  if (isTemplate(parsed)) return true;
  // A file refused for its size is still reported as skipped when it looks like a template.
  if (parsed.errors.some((error) => error.kind === 'too-large')) {
    return /AWSTemplateFormatVersion|["']?Type["']?\s*:\s*["']?AWS::/.test(parsed.text.slice(0, 65536));
  }
  return false;
}

/** The findings of one file. */
/** The parameters a template of the analysis declares; undefined for a file that is no analysed template. */
export function declaredParameters(analysis: Analysis | undefined, file: string): ReadonlySet<string> | undefined {
  const entry = analysis?.files.get(file);
  return entry?.isTemplate ? new Set(entry.template.parameters.keys()) : undefined;
}

export function findingsOf(analysis: Analysis, file: string): Finding[] {
  return analysis.findings.filter((finding) => finding.file === file);
}

/** A range in line/character terms, for a file of the analysis. */
export function lineRangeOf(analysis: Analysis, file: string, range: TextRange): LineRange {
  const entry = analysis.files.get(file);
  const lines = entry?.lines ?? new LineIndex('');
  return lines.rangeAt(range);
}
