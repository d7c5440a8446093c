/**
 * `cfn-network-lens check`: read the files, analyse them as one workspace (with the project file,
 * parameter files and the templates they or nested stacks name), print the report of the checked
 * files in the chosen format and turn the findings into an exit code.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { analyze, createComponentCache, declaredParameters, type Analysis, type AnalysisOptions, type FileAnalysis, type SourceFile } from '../ide/analysis';
import { buildReport, type FindingsReport } from '../ide/report';
import { allRules } from '../rules';
import type { CheckArgs } from './main';
import { decodeText } from '../syntax';
import { collectFiles, UsageError } from './files';
import { fixFiles, formatChanges } from './fix';
import { analysisOptions, writeOutput } from './options';
import { colorsFor } from './format/colors';
import { formatJson } from './format/json';
import { formatSarif } from './format/sarif';
import { formatText } from './format/text';
import { loadWorkspace, type CliWorkspace } from './workspace';

export function runCheck(args: CheckArgs, version: string): number {
  // `-` is the template on stdin, checked under `stdinName` as if it were that file.
  const stdin = args.stdinName === undefined ? undefined : { name: args.stdinName, text: readStdin() };
  const given = args.paths.flatMap((path) => (path === '-' ? [] : [path]));
  const paths = [...collectFiles(given), ...(stdin ? [stdin.name] : [])];
  const workspace = loadWorkspace(stdin ? [...given, stdin.name] : given, paths, process.cwd(), stdin ? new Map([[resolve(stdin.name), stdin.text]]) : undefined);
  for (const warning of workspace.warnings) process.stderr.write(`cfn-network-lens: warning: ${warning}\n`);
  const options: AnalysisOptions = {
    ...analysisOptions(args),
    severities: args.severities,
    ...workspace.options,
    // Context files are read for links; the rules run only where a checked file is.
    findingsFor: workspace.checked,
  };
  const fileCache = new Map<string, FileAnalysis>();
  let sources = withNestedTemplates(workspace, options, fileCache);
  if (args.fix) {
    const fixed = fixFiles(sources, { ...options, fileCache }, workspace.checked);
    sources = fixed.sources;
    // Machine-readable formats keep stdout for the report.
    (args.format === 'text' && !args.output ? process.stdout : process.stderr).write(formatChanges(fixed.changes));
  }
  const analysis = onlyChecked(analyze(sources, { ...options, fileCache }), workspace.checked);
  for (const warning of workspace.parameterWarnings((file) => declaredParameters(analysis, file))) process.stderr.write(`cfn-network-lens: warning: ${warning}\n`);
  const report = checkedReport(buildReport(analysis, args.format !== 'text'), workspace.checked);
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
  writeOutput(args.output, output);
  const hasErrors = report.findings.some((finding) => finding.severity === 'error');
  return hasErrors && !args.exitZero ? 1 : 0;
}

/**
 * The sources with the local templates that nested stacks name, read until none is missing: the
 * analysis says which nested templates it could not find, and parses are reused between rounds.
 */
function withNestedTemplates(workspace: CliWorkspace, options: AnalysisOptions, fileCache: Map<string, FileAnalysis>): SourceFile[] {
  const componentCache = createComponentCache();
  for (let round = 0; round < MAX_NESTING_ROUNDS; round++) {
    // Most runs nest nothing: then there is nothing to look for.
    if (!workspace.sources.some((source) => NESTING.test(source.text))) break;
    const analysis = analyze(workspace.sources, { ...options, fileCache, componentCache, rules: [] });
    const missing = analysis.nestedStacks.flatMap((nested) => (nested.child === undefined && nested.location !== undefined ? [{ parent: nested.parent.file, location: nested.location }] : []));
    if (missing.length === 0 || !workspace.addNestedTemplates(missing)) break;
  }
  return [...workspace.sources];
}

/** Nested stacks deeper than this are not followed further. */
const MAX_NESTING_ROUNDS = 8;
const NESTING = /AWS::CloudFormation::Stack|AWS::Serverless::Application/;

/**
 * The analysis with the findings of the checked files only; context files keep their parses, so
 * that related locations in them still have lines.
 */
function onlyChecked(analysis: Analysis, checked: ReadonlySet<string>): Analysis {
  if ([...analysis.files.keys()].every((file) => checked.has(file))) return analysis;
  return Object.assign(Object.create(analysis) as Analysis, { findings: analysis.findings.filter((finding) => checked.has(finding.file)) });
}

/** The report of the checked files: context files are not listed. */
function checkedReport(report: FindingsReport, checked: ReadonlySet<string>): FindingsReport {
  return { ...report, files: report.files.filter((file) => checked.has(file.file)) };
}

/** The template on stdin, as UTF-8 text; binary or invalid input is a usage error. */
function readStdin(): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(0);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read standard input${code ? ` (${code})` : ''}`);
  }
  const read = decodeText(bytes);
  if (!read.ok) throw new UsageError(`cannot check standard input: ${read.reason}`);
  return read.text;
}
