/**
 * The fuzzer's property over one input (a file, or files analysed together): `parse` and `analyze`
 * never throw, no rule fails, there is no `internal-error` finding, every range lies inside its file,
 * the JSON report (with its fixes, as `check --format json` builds it) is built without an exception,
 * and parsing and analysis finish within a bound (building the report with its fixes has a bound of
 * its own). The bounds detect hangs, not slowness: they are measured in CPU time of this process, so
 * that a machine busy with other work does not fail them.
 */
import { analyze, type SourceFile } from '../../server/src/ide/analysis';
import { buildReport } from '../../server/src/ide/report';
import { INTERNAL_ERROR_RULE } from '../../server/src/rules';

/** The most CPU time one input may take to be parsed and analysed, for inputs under 200 KB. */
export const MAX_RUN_MS = 2000;

/**
 * The most CPU time building the JSON report with every finding's quick fixes may take. Fixes are
 * computed on demand, one finding at a time, and check each edit by parsing the edited text again, so
 * their time grows with the number of findings; this bound only catches a hang.
 */
export const MAX_REPORT_MS = 10_000;

export interface CheckResult {
  /** What went wrong, one line each; empty when the property holds. */
  readonly problems: readonly string[];
  /**
   * Quick fixes that threw: `ide/fixes.ts` catches them and offers nothing, so they break no guarantee
   * above, but each one is a bug in a fix; the long fuzzer counts them and saves an example.
   */
  readonly fixFailures: readonly string[];
  /** Parsing and analysis. */
  readonly cpuMs: number;
  readonly wallMs: number;
  /** Building the JSON report with the fixes of every finding. */
  readonly reportCpuMs: number;
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
  let analysed: { cpu: NodeJS.CpuUsage; wall: number } | undefined;
  let reportStart: { cpu: NodeJS.CpuUsage; wall: number } | undefined;
  try {
    // `analyze` parses every file (a parse that threw would surface here); its parse results are checked below.
    const analysis = analyze(files, {
      // `ide/fixes.ts` reports a fix that threw as the rule id 'quick fix'.
      onRuleError: (ruleId, error) => (ruleId === 'quick fix' ? fixFailures : problems).push(`${ruleId === 'quick fix' ? 'a quick fix' : `rule ${ruleId}`} failed: ${firstLine(error)}`),
    });
    analysed = { cpu: process.cpuUsage(cpuStart), wall: performance.now() - wallStart };
    for (const [file, entry] of analysis.files) for (const error of entry.parse.errors) inRange(file, error.range, `parse error "${error.message}"`);
    for (const finding of analysis.findings) {
      if (finding.rule === INTERNAL_ERROR_RULE) problems.push(`internal-error finding: ${finding.message}`);
      inRange(finding.file, finding.range, `${finding.rule} finding "${finding.message}"`);
      for (const related of finding.related) inRange(related.file, related.range, `related location of ${finding.rule} "${related.message}"`);
    }
    reportStart = { cpu: process.cpuUsage(), wall: performance.now() };
    buildReport(analysis, true);
  } catch (error) {
    problems.push(`analyze threw ${firstLine(error)}`);
  }
  const end = { cpu: process.cpuUsage(cpuStart), wall: performance.now() - wallStart };
  const cpuMs = msOf(analysed?.cpu ?? end.cpu);
  const wallMs = analysed?.wall ?? end.wall;
  const reportCpu = reportStart ? process.cpuUsage(reportStart.cpu) : undefined;
  const reportCpuMs = reportCpu ? msOf(reportCpu) : 0;
  const reportWallMs = reportStart ? performance.now() - reportStart.wall : 0;
  const size = files.reduce((sum, source) => sum + source.text.length, 0);
  const unit = clock === 'cpu' ? 'CPU' : 'wall';
  if (size < 200_000 && (clock === 'cpu' ? cpuMs : wallMs) > maxRunMs) problems.push(`parse and analysis took ${Math.round(cpuMs)} ms of CPU time (${Math.round(wallMs)} ms wall), over the bound of ${maxRunMs} ms of ${unit} time`);
  if (size < 200_000 && (clock === 'cpu' ? reportCpuMs : reportWallMs) > MAX_REPORT_MS) problems.push(`the report with its fixes took ${Math.round(reportCpuMs)} ms of CPU time, over the bound of ${MAX_REPORT_MS} ms of ${unit} time`);
  return { problems, fixFailures, cpuMs, wallMs, reportCpuMs };
}

function msOf(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}
