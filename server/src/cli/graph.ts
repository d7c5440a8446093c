/**
 * `cfn-network-lens graph [paths…]`: draws the VPCs of the templates (subnets by Availability Zone,
 * workloads, endpoint interfaces, private-DNS reach and which clients get through to which endpoint)
 * as SVG (the default) or a Mermaid flowchart, to stdout or to `--output`. The same input always
 * gives the same bytes. Exit codes: 0 drawn (whatever the findings), 2 bad usage or unreadable input.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { analyze, type SourceFile } from '../ide/analysis';
import { renderDiagram, type DiagramFormat } from '../ide/graph';
import { collectFiles, readText, UsageError } from './files';

export interface GraphArgs {
  readonly paths: readonly string[];
  readonly format: DiagramFormat;
  readonly output: string | undefined;
  readonly region: string | undefined;
  readonly maxFileSizeMb: number;
}

/** The usage line and the options of `graph`, for the help text in main.ts. */
export const GRAPH_USAGE = '  cfn-network-lens graph [paths...] [options]   Draw the VPCs of the templates as SVG or Mermaid';
export const GRAPH_OPTIONS = `Options for graph:
  -f, --format <svg|mermaid>      Output format (default: svg)
  -o, --output <file>             Write the diagram to a file instead of stdout
      --region <region>           The region templates deploy to (DNS names become concrete)
      --max-file-size <MB>        Skip files larger than this (default: 5)
`;

export function parseGraphArgs(args: readonly string[]): GraphArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f', default: 'svg' },
        output: { type: 'string', short: 'o' },
        region: { type: 'string' },
        'max-file-size': { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? (error.message.split('\n')[0] ?? 'invalid arguments') : 'invalid arguments');
  }
  const { values, positionals } = parsed;
  const format = values.format ?? 'svg';
  if (format !== 'svg' && format !== 'mermaid') throw new UsageError(`unknown format "${format}" for graph; use svg or mermaid`);
  const maxFileSizeMb = values['max-file-size'] === undefined ? 5 : Number(values['max-file-size']);
  if (!Number.isFinite(maxFileSizeMb) || maxFileSizeMb <= 0) throw new UsageError('--max-file-size expects a positive number of megabytes');
  if (values.region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d$/.test(values.region)) throw new UsageError(`--region expects a region such as us-east-1, got "${values.region}"`);
  if (values.output === '') throw new UsageError('--output expects a file name');
  return { paths: positionals.length > 0 ? positionals : ['.'], format, output: values.output, region: values.region, maxFileSizeMb };
}

export function runGraph(args: GraphArgs): number {
  const sources: SourceFile[] = [];
  for (const path of collectFiles(args.paths)) {
    const read = readText(path);
    if (read.ok) sources.push({ file: path, text: read.text });
    else process.stderr.write(`cfn-network-lens: skipped ${path}: ${read.reason}\n`);
  }
  const analysis = analyze(sources, {
    ...(args.region ? { region: args.region } : {}),
    limits: { maxLength: Math.floor(args.maxFileSizeMb * 1024 * 1024) },
    // The diagram reads the model, not the findings: no rule needs to run.
    rules: [],
  });
  const { text } = renderDiagram(analysis, { format: args.format });
  if (args.output) {
    try {
      writeFileSync(args.output, text);
    } catch {
      throw new UsageError(`cannot write ${args.output}`);
    }
  } else {
    process.stdout.write(text);
  }
  return 0;
}
