/**
 * `analyze(files, options)`: the engine's front door. Parses every file, keeps the templates,
 * links them into one network model, runs the rules, and returns findings with everything the
 * editor features need (the parse trees, line indexes and the rule context for fixes).
 */
import { DEFAULT_LIMITS, LineIndex, parse, type LineRange, type ParseLimits, type ParseResult, type TextRange } from '../syntax';
import { buildTemplate, isTemplate, type Template, type Value } from '../template';
import { buildNetworkModel, type NetworkModel } from '../model';
import { allRules, createRuleContext, runRules, type Finding, type Rule, type RuleContext, type SeveritySetting } from '../rules';
import { linkTemplates } from '../workspace/link';

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
  readonly limits?: Partial<ParseLimits>;
  /** The rules to run; all of them by default. */
  readonly rules?: readonly Rule[];
  readonly onRuleError?: (ruleId: string, error: unknown) => void;
  /**
   * Parsed files from an earlier analysis, reused when a file's text and the limits are unchanged;
   * the map is updated with this analysis's files. Keeps a keystroke from re-parsing a workspace.
   */
  readonly fileCache?: Map<string, FileAnalysis>;
}

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
  readonly model: NetworkModel;
  readonly findings: readonly Finding[];
  readonly context: RuleContext;
  readonly options: AnalysisOptions;
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
  const linked = linkTemplates(templates, {
    ...(options.region ? { region: options.region } : {}),
    ...(options.parameters ? { parameters: options.parameters } : {}),
    ...(options.stackNames ? { stackNames: options.stackNames } : {}),
  });
  const model = buildNetworkModel(linked);
  const context = createRuleContext(model, files);
  const findings = runRules(context, options.rules ?? allRules, {
    ...(options.severities ? { severities: options.severities } : {}),
    ...(options.onRuleError ? { onRuleError: options.onRuleError } : {}),
  });
  return { files, model, findings, context, options };
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
export function findingsOf(analysis: Analysis, file: string): Finding[] {
  return analysis.findings.filter((finding) => finding.file === file);
}

/** A range in line/character terms, for a file of the analysis. */
export function lineRangeOf(analysis: Analysis, file: string, range: TextRange): LineRange {
  const entry = analysis.files.get(file);
  const lines = entry?.lines ?? new LineIndex('');
  return lines.rangeAt(range);
}
