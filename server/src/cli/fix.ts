/**
 * `check --fix`: apply the preferred fix of every finding, write the files, and analyse again until
 * nothing is left to fix (a fix can reveal the next one), within a small number of passes.
 */
import { writeFileSync } from 'node:fs';
import { analyze, createComponentCache, type AnalysisOptions, type SourceFile } from '../ide/analysis';
import { applyEdits } from '../ide/edit';
import { preferredEdits, preferredTitles } from '../ide/fixes';
import { UsageError } from './files';

/** Passes of fix-then-analyse before giving up on reaching a stable result. */
export const MAX_FIX_PASSES = 5;

export interface FixChange {
  readonly file: string;
  readonly titles: readonly string[];
}

/**
 * Fix the sources in place on disk; returns the updated sources and what changed, file by file.
 * With `only`, just the findings of those files are fixed (the others are context for linking).
 */
export function fixFiles(sources: readonly SourceFile[], options: AnalysisOptions, only?: ReadonlySet<string>): { sources: SourceFile[]; changes: FixChange[] } {
  let current = [...sources];
  const changes = new Map<string, string[]>();
  // Each pass parses only the files the last one changed.
  const cached: AnalysisOptions = { ...options, fileCache: options.fileCache ?? new Map(), componentCache: options.componentCache ?? createComponentCache() };
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const analysis = analyze(current, cached);
    const findings = only ? analysis.findings.filter((finding) => only.has(finding.file)) : analysis.findings;
    const fileEdits = preferredEdits(analysis, findings);
    if (fileEdits.length === 0) break;
    const texts = new Map(current.map((source) => [source.file, source.text]));
    for (const { file, edits } of fileEdits) {
      const text = texts.get(file);
      if (text === undefined) continue;
      const fixed = applyEdits(text, edits);
      try {
        writeFileSync(file, fixed);
      } catch {
        throw new UsageError(`cannot write ${file}`);
      }
      texts.set(file, fixed);
    }
    // The titles come from the fixes' intents: their edits are already in `fileEdits`.
    const edited = new Set(fileEdits.map((entry) => entry.file));
    for (const { title, files } of preferredTitles(analysis, findings)) {
      for (const file of files) if (edited.has(file)) changes.set(file, [...(changes.get(file) ?? []), title]);
    }
    current = current.map((source) => ({ file: source.file, text: texts.get(source.file) ?? source.text }));
  }
  return { sources: current, changes: [...changes].map(([file, titles]) => ({ file, titles: [...new Set(titles)] })) };
}

/** What `--fix` changed, for the terminal. */
export function formatChanges(changes: readonly FixChange[]): string {
  if (changes.length === 0) return 'Nothing to fix.\n';
  const lines: string[] = [];
  for (const change of changes) {
    lines.push(`Fixed ${change.file}:`);
    for (const title of change.titles) lines.push(`  - ${title}`);
  }
  return `${lines.join('\n')}\n`;
}
