/**
 * Quick fixes as text edits: a rule's `fix` gives edit intents for a finding, recomputed from the
 * finding's structured data (never from its message), and `ide/edit` writes them in each file's own
 * style. Every finding about a resource can also be ignored for that resource or for its file.
 * "Fix all" combines the preferred fix of every finding into one set of edits per file.
 */
import { ruleById, INTERNAL_ERROR_RULE, type EditIntent, type Finding, type Fix } from '../rules';
import type { Analysis } from './analysis';
import { editsForIntents, type TextEdit } from './edit';

/** The edits of one file. */
export interface FileEdits {
  readonly file: string;
  readonly edits: readonly TextEdit[];
}

export interface ResolvedFix {
  readonly title: string;
  readonly preferred: boolean;
  /** `fix` changes the template; `ignore` adds a suppression. */
  readonly kind: 'fix' | 'ignore';
  readonly edits: readonly FileEdits[];
}

/** The rule's own fixes of a finding, as text edits. A fix that changes nothing is dropped. */
export function fixesFor(analysis: Analysis, finding: Finding): ResolvedFix[] {
  return ruleFixes(analysis, finding)
    .map((fix) => ({ title: fix.title, preferred: fix.preferred, kind: 'fix' as const, edits: resolveIntents(analysis, fix.intents) }))
    .filter((fix) => fix.edits.length > 0);
}

/** The suppressions a finding offers: for its resource, and for its whole file. */
export function ignoresFor(analysis: Analysis, finding: Finding): ResolvedFix[] {
  if (finding.rule === INTERNAL_ERROR_RULE || finding.rule === 'template-syntax-error') return [];
  const options: { title: string; intent: EditIntent }[] = [];
  if (finding.logicalId !== undefined) {
    options.push({ title: `Ignore ${finding.rule} for "${finding.logicalId}"`, intent: { kind: 'addIgnore', file: finding.file, logicalId: finding.logicalId, ruleId: finding.rule } });
  }
  options.push({ title: `Ignore ${finding.rule} in this file`, intent: { kind: 'addIgnore', file: finding.file, ruleId: finding.rule } });
  return options
    .map(({ title, intent }) => ({ title, preferred: false, kind: 'ignore' as const, edits: resolveIntents(analysis, [intent]) }))
    .filter((fix) => fix.edits.length > 0);
}

/** The edits of the preferred fixes of all `findings`, combined per file. */
export function preferredEdits(analysis: Analysis, findings: readonly Finding[]): FileEdits[] {
  const intents: EditIntent[] = [];
  const seen = new Set<string>();
  for (const finding of findings) {
    const preferred = ruleFixes(analysis, finding).find((fix) => fix.preferred);
    // Findings often share a cure (one ingress rule for three endpoints): apply each intent once.
    for (const intent of preferred?.intents ?? []) {
      const key = intentKey(intent);
      if (seen.has(key)) continue;
      seen.add(key);
      intents.push(intent);
    }
  }
  return resolveIntents(analysis, intents);
}

/** The title of each preferred fix of `findings` with the files its intents change, for reports of what `--fix` changed. */
export function preferredTitles(analysis: Analysis, findings: readonly Finding[]): { readonly title: string; readonly files: readonly string[] }[] {
  return findings.flatMap((finding) =>
    ruleFixes(analysis, finding)
      .filter((fix) => fix.preferred)
      .map((fix) => ({ title: fix.title, files: [...new Set(fix.intents.map((intent) => intent.file))] })),
  );
}

/** What an intent does, nodes named by their ranges: two equal keys make the same change. */
function intentKey(intent: EditIntent): string {
  return JSON.stringify(intent, (key, value: unknown) => {
    if (value && typeof value === 'object' && 'kind' in value && 'range' in value && (key === 'node' || key === 'list')) return (value as { range: unknown }).range;
    return value;
  });
}

function ruleFixes(analysis: Analysis, finding: Finding): readonly Fix[] {
  const rule = ruleById(finding.rule);
  if (!rule?.fix) return [];
  try {
    return rule.fix(analysis.context, finding);
  } catch (error) {
    analysis.options.onRuleError?.(finding.rule, error);
    return [];
  }
}

/** Text edits for intents, file by file, in the order files first appear. */
function resolveIntents(analysis: Analysis, intents: readonly EditIntent[]): FileEdits[] {
  const files = [...new Set(intents.map((intent) => intent.file))];
  const result: FileEdits[] = [];
  for (const file of files) {
    const entry = analysis.files.get(file);
    if (!entry) continue;
    let edits: TextEdit[];
    try {
      edits = editsForIntents(entry, intents.filter((intent) => intent.file === file));
    } catch (error) {
      analysis.options.onRuleError?.('quick fix', error);
      continue;
    }
    if (edits.length > 0) result.push({ file, edits });
  }
  return result;
}
