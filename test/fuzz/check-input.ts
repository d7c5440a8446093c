/**
 * The fuzzer's property over one input (a file, or files analysed together): `parse` and `analyze`
 * never throw, no rule fails, there is no `internal-error` finding, every range lies inside
 * its file, the JSON report (with its fixes, as `check --format json` builds it) is built without an
 * exception, and the run finishes within a bound. The bound is a hang detector, not a performance test: it is measured in CPU time
 * of this process, so that a machine busy with other work does not fail it.
 */
import { analyze, type SourceFile } from '../../server/src/ide/analysis';
import { buildReport } from '../../server/src/ide/report';
import { parse } from '../../server/src/syntax';
import { INTERNAL_ERROR_RULE } from '../../server/src/rules';

/** The most CPU time one input may take (parse, analysis and report), for inputs under 200 KB. */
export const MAX_RUN_MS = 2000;

export interface CheckResult {
  /** What went wrong, one line each; empty when the property holds. */
  readonly problems: readonly string[];
  /**
   * Quick fixes that threw: `ide/fixes.ts` catches them and offers nothing, so they break no guarantee
   * above, but each one is a bug in a fix; the long fuzzer counts them and saves an example.
   */
  readonly fixFailures: readonly string[];
  readonly cpuMs: number;
  readonly wallMs: number;
}

function firstLine(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message.split('\n')[0]}${error.stack ? ` ${error.stack.split('\n')[1]?.trim() ?? ''}` : ''}`;
  return String(error);
}

/**
 * Check the property for one file's text. Never throws. The bound is on CPU time, which Node reports
 * for the whole process: with several fuzzing threads in one process, `clock: 'wall'` is the honest one.
 */
export function checkInput(file: string, text: string, maxRunMs: number = MAX_RUN_MS, clock: 'cpu' | 'wall' = 'cpu'): CheckResult {
  return checkFiles([{ file, text }], maxRunMs, clock);
}

/** Check the property for files analysed together as one workspace (exports, imports, nested stacks). */
export function checkFiles(files: readonly SourceFile[], maxRunMs: number = MAX_RUN_MS, clock: 'cpu' | 'wall' = 'cpu'): CheckResult {
  const problems: string[] = [];
  const fixFailures: string[] = [];
  const texts = new Map(files.map((source) => [source.file, source.text]));
  const inRange = (file: string, range: readonly [number, number], what: string): void => {
    const text = texts.get(file);
    if (text === undefined) {
      problems.push(`${what} is in unknown file ${file}`);
      return;
    }
    if (!(Number.isInteger(range[0]) && Number.isInteger(range[1]) && range[0] >= 0 && range[0] <= range[1] && range[1] <= text.length)) {
      problems.push(`${what} has range [${range[0]}, ${range[1]}] outside ${file} of ${text.length} characters`);
    }
  };
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  for (const { file, text } of files) {
    try {
      const parsed = parse(text);
      for (const error of parsed.errors) inRange(file, error.range, `parse error "${error.message}"`);
    } catch (error) {
      problems.push(`parse threw ${firstLine(error)} on ${file}`);
    }
  }
  try {
    const analysis = analyze(files, {
      // `ide/fixes.ts` reports a fix that threw as the rule id 'quick fix'.
      onRuleError: (ruleId, error) => (ruleId === 'quick fix' ? fixFailures : problems).push(`${ruleId === 'quick fix' ? 'a quick fix' : `rule ${ruleId}`} failed: ${firstLine(error)}`),
    });
    for (const finding of analysis.findings) {
      if (finding.rule === INTERNAL_ERROR_RULE) problems.push(`internal-error finding: ${finding.message}`);
      inRange(finding.file, finding.range, `${finding.rule} finding "${finding.message}"`);
      for (const related of finding.related) inRange(related.file, related.range, `related location of ${finding.rule} "${related.message}"`);
    }
    buildReport(analysis, true);
  } catch (error) {
    problems.push(`analyze threw ${firstLine(error)}`);
  }
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const wallMs = performance.now() - wallStart;
  const measured = clock === 'cpu' ? cpuMs : wallMs;
  const size = files.reduce((sum, source) => sum + source.text.length, 0);
  if (size < 200_000 && measured > maxRunMs) problems.push(`took ${Math.round(cpuMs)} ms of CPU time (${Math.round(wallMs)} ms wall), over the bound of ${maxRunMs} ms of ${clock === 'cpu' ? 'CPU' : 'wall'} time`);
  return { problems, fixFailures, cpuMs, wallMs };
}
