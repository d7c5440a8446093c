/**
 * The `cfn-network-lens` command: `check` (text, JSON or SARIF), `diff` (what a change does to the
 * network), `graph` (an SVG or Mermaid diagram), `lsp --stdio` (the language server), `--help` and
 * `--version`. Exit codes: 0 without error findings, 1 with, 2 for bad usage or unreadable input (a
 * one-line message, no stack trace).
 */
import { join } from 'node:path';
import { runCheck } from './check';
import { DIFF_OPTIONS, DIFF_USAGE_LINES, parseDiffArgs, runDiff } from './diff';
import { GRAPH_OPTIONS, GRAPH_USAGE, parseGraphArgs, runGraph } from './graph';
import { UsageError } from './files';
import { checkFormat, commonArgs, parseCommand, stringList } from './options';

declare const CFN_NETWORK_LENS_VERSION: string;

/** The version baked in by the bundler; `dev` when running from source. */
export const VERSION = typeof CFN_NETWORK_LENS_VERSION === 'string' ? CFN_NETWORK_LENS_VERSION : 'dev';

const HELP = `cfn-network-lens ${VERSION}: what CloudFormation VPC endpoints, subnets, security groups and network ACLs do to the network.

Usage:
  cfn-network-lens check [paths...] [options]   Check templates (files or directories; default: .; - reads stdin)
${DIFF_USAGE_LINES}
${GRAPH_USAGE}
  cfn-network-lens lsp --stdio                  Run the language server on stdin/stdout
  cfn-network-lens --version | --help

Options for check:
  -f, --format <text|json|sarif>  Output format (default: text)
  -o, --output <file>             Write the report to a file instead of stdout
      --region <region>           The region templates deploy to (names in messages become concrete)
      --severity <rule=level>     Set a rule's severity: error, warning, info or off (repeatable)
      --fix                       Apply the preferred quick fix of every finding, then report what is left
      --exit-zero                 Exit 0 even when errors are found
      --max-file-size <MB>        Skip files larger than this (default: 5)
      --stdin-filename <path>     With "-" as the path: the name of the template read from stdin (default: <stdin>)

${DIFF_OPTIONS}
${GRAPH_OPTIONS}
Exit codes: 0 no error findings (graph: drawn), 1 error findings, 2 bad usage or unreadable input.
`;

/** Run the command line; resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        process.stdout.write(HELP);
        return command === undefined ? 2 : 0;
      case '-v':
      case '--version':
        process.stdout.write(`${VERSION}\n`);
        return 0;
      case 'check':
        return runCheck(parseCheckArgs(rest), VERSION);
      case 'diff':
        return await runDiff(parseDiffArgs(rest), VERSION);
      case 'graph':
        return runGraph(parseGraphArgs(rest));
      case 'lsp':
        return startLanguageServer(rest);
      default:
        throw new UsageError(`unknown command "${command}"; run cfn-network-lens --help`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`cfn-network-lens: ${error.message}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`cfn-network-lens: internal error: ${message}\n`);
    return 2;
  }
}

export interface CheckArgs {
  readonly paths: readonly string[];
  readonly format: 'text' | 'json' | 'sarif';
  readonly output: string | undefined;
  readonly region: string | undefined;
  readonly severities: Readonly<Record<string, 'error' | 'warning' | 'info' | 'off'>>;
  readonly exitZero: boolean;
  readonly fix: boolean;
  readonly maxFileSizeMb: number;
  /** The name under which the template read from stdin (`-` among the paths) is checked. */
  readonly stdinName: string | undefined;
}

function parseCheckArgs(args: readonly string[]): CheckArgs {
  const { values, positionals } = parseCommand(args, 'text', {
    severity: { type: 'string', multiple: true },
    'exit-zero': { type: 'boolean', default: false },
    fix: { type: 'boolean', default: false },
    'stdin-filename': { type: 'string' },
  });
  const format = checkFormat(values.format, ['text', 'json', 'sarif'] as const, 'check');
  const severities: Record<string, 'error' | 'warning' | 'info' | 'off'> = {};
  for (const entry of stringList(values.severity)) {
    const match = /^([a-z0-9-]+)=(error|warning|info|off)$/.exec(entry);
    if (!match?.[1] || !match[2]) throw new UsageError(`--severity expects rule=error|warning|info|off, got "${entry}"`);
    severities[match[1]] = match[2] as 'error' | 'warning' | 'info' | 'off';
  }
  const stdinCount = positionals.filter((path) => path === '-').length;
  const stdinFilename = typeof values['stdin-filename'] === 'string' ? values['stdin-filename'] : undefined;
  if (stdinCount > 1) throw new UsageError('"-" (standard input) may be given once');
  if (stdinCount === 0 && stdinFilename !== undefined) throw new UsageError('--stdin-filename names the template read from standard input; give "-" as a path too');
  if (stdinCount === 1 && values.fix === true) throw new UsageError('--fix cannot write back to standard input; check the file by its path to fix it');
  if (stdinFilename === '') throw new UsageError('--stdin-filename expects a path');
  return {
    ...commonArgs(values),
    paths: positionals.length > 0 ? [...positionals] : ['.'],
    format,
    severities,
    exitZero: values['exit-zero'] === true,
    fix: values.fix === true,
    stdinName: stdinCount === 1 ? (stdinFilename ?? '<stdin>') : undefined,
  };
}

function startLanguageServer(args: readonly string[]): Promise<number> {
  if (!args.includes('--stdio')) throw new UsageError('lsp needs --stdio (the only transport)');
  // The server is its own bundle next to this one; loading it starts it on stdin/stdout.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(join(__dirname, 'server.js'));
  return new Promise<number>(() => {
    // The server ends the process itself on `exit`.
  });
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      process.exitCode = 2;
    },
  );
}
