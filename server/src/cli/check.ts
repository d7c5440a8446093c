/**
 * `cfn-network-lens check`: read the files, analyse them as one workspace, print the report in the
 * chosen format and turn the findings into an exit code.
 */
import { writeFileSync } from 'node:fs';
import { analyze, type AnalysisOptions, type SourceFile } from '../ide/analysis';
import { buildReport } from '../ide/report';
import { allRules } from '../rules';
import type { CheckArgs } from './main';
import { collectFiles, readText, UsageError } from './files';
import { fixFiles, formatChanges } from './fix';
import { colorsFor } from './format/colors';
import { formatJson } from './format/json';
import { formatSarif } from './format/sarif';
import { formatText } from './format/text';

export function runCheck(args: CheckArgs, version: string): number {
  const paths = collectFiles(args.paths);
  const sources: SourceFile[] = [];
  for (const path of paths) {
    const read = readText(path);
    if (read.ok) sources.push({ file: path, text: read.text });
    else process.stderr.write(`cfn-network-lens: skipped ${path}: ${read.reason}\n`);
  }
  const options: AnalysisOptions = {
    severities: args.severities,
    ...(args.region ? { region: args.region } : {}),
    limits: { maxLength: Math.floor(args.maxFileSizeMb * 1024 * 1024) },
    onRuleError: (ruleId, error) => process.stderr.write(`cfn-network-lens: rule ${ruleId} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`),
  };
  let checked = sources;
  if (args.fix) {
    const fixed = fixFiles(sources, options);
    checked = fixed.sources;
    // Machine-readable formats keep stdout for the report.
    (args.format === 'text' && !args.output ? process.stdout : process.stderr).write(formatChanges(fixed.changes));
  }
  const analysis = analyze(checked, options);
  const report = buildReport(analysis, args.format !== 'text');
  let output: string;
  switch (args.format) {
    case 'json':
      output = formatJson(report);
      break;
    case 'sarif':
      output = formatSarif(report, allRules.map((rule) => rule.meta), version, process.cwd());
      break;
    default:
      output = formatText(report, args.output ? colorsFor({}, {}) : colorsFor(process.stdout, process.env));
  }
  if (args.output) {
    try {
      writeFileSync(args.output, output);
    } catch {
      throw new UsageError(`cannot write ${args.output}`);
    }
  } else {
    process.stdout.write(output);
  }
  const hasErrors = report.findings.some((finding) => finding.severity === 'error');
  return hasErrors && !args.exitZero ? 1 : 0;
}
