/**
 * `cfn-network-lens graph [paths…]`: draws the VPCs of the templates (subnets by Availability Zone,
 * workloads, endpoint interfaces, private-DNS reach and which clients get through to which endpoint)
 * as SVG (the default) or a Mermaid flowchart, to stdout or to `--output`. The same input always
 * gives the same bytes. Exit codes: 0 drawn (whatever the findings), 2 bad usage or unreadable input.
 */
import { analyze, type SourceFile } from '../ide/analysis';
import { renderDiagram, type DiagramFormat } from '../ide/graph';
import { collectFiles, readText } from './files';
import { analysisOptions, checkFormat, commonArgs, parseCommand, writeOutput } from './options';

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
  const { values, positionals } = parseCommand(args, 'svg', {});
  const format = checkFormat(values.format, ['svg', 'mermaid'] as const, 'graph');
  return { ...commonArgs(values), paths: positionals.length > 0 ? [...positionals] : ['.'], format };
}

export function runGraph(args: GraphArgs): number {
  const sources: SourceFile[] = [];
  for (const path of collectFiles(args.paths)) {
    const read = readText(path);
    if (read.ok) sources.push({ file: path, text: read.text });
    else process.stderr.write(`cfn-network-lens: skipped ${path}: ${read.reason}\n`);
  }
  // The diagram reads the model, not the findings: no rule needs to run.
  const analysis = analyze(sources, { ...analysisOptions(args), rules: [] });
  const { text } = renderDiagram(analysis, { format: args.format });
  writeOutput(args.output, text);
  return 0;
}
