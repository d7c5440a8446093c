/**
 * `npm run bench`: how fast the engine, the language server and the CLI are, on this machine, in one
 * run. Single templates (a generated one of 500 resources and the largest real-world ones): median
 * YAML parse, full analysis and edit-to-diagnostics over LSP stdio, each also as a ratio to the
 * parse. A generated workspace of 1,000 linked stacks: cold index, re-analysis after one file
 * changes (an open document and a file on disk) and the server's peak RSS. The CLI against cfn-lint
 * on the real-world templates, per template with process start. Not part of `npm test`: timings
 * depend on the machine. Needs `npm run build` first (`scripts/bench.mjs` does it). Flags: `--quick`,
 * `--skip-single`, `--skip-workspace`, `--skip-open-conditions`, `--skip-cli`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { analyze, createComponentCache, type AnalysisOptions, type FileAnalysis, type SourceFile } from '../server/src/ide/analysis';
import { parse } from '../server/src/syntax';
import { parseProjectFile, PROJECT_FILE_NAME } from '../server/src/workspace/project-file';
import { resolveWorkspaceSetup } from '../server/src/workspace/project-setup';
import { generateDenseEndpoints, generateTemplate, generateWorkspace } from './bench-generate';
import { buildReport } from '../server/src/ide/report';

const ROOT = resolve(__dirname, '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const REALWORLD = join(ROOT, 'test', 'corpus', 'realworld');
const args = new Set(process.argv.slice(2));
/** `--quick`: fewer runs and a smaller workspace, to try the script out. */
const QUICK = args.has('--quick');
const RUNS = QUICK ? 5 : 21;
const GROUPS = QUICK ? 10 : 100;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function timeMedian(runs: number, run: () => void): number {
  const times: number[] = [];
  run(); // Warm up: compile the code paths once.
  for (let index = 0; index < runs; index++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return median(times);
}

const ms = (value: number): string => `${value.toFixed(value < 10 ? 2 : 1)} ms`;
const ratio = (value: number, base: number): string => `${(value / base).toFixed(2)}×`;

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]): string => `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  return [line(header), `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`, ...rows.map(line)].join('\n');
}

// ---------------------------------------------------------------------------------------------
// A language server over stdio.

interface Server {
  readonly connection: MessageConnection;
  readonly pid: number;
  /** Resolves with the diagnostics of `uri` at `version`. */
  diagnostics(uri: string, version: number | undefined): Promise<unknown>;
  /** Resolves at the next `analysisStatus` idle with at least `templates` templates. */
  idle(templates: number): Promise<void>;
  peakRssMb(): number;
  stop(): Promise<void>;
}

async function startServer(folders: readonly string[], settings: Record<string, unknown> = {}): Promise<Server> {
  // BENCH_SERVER_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server (see docs/performance.md).
  const nodeOptions = (process.env.BENCH_SERVER_NODE_OPTIONS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeOptions, CLI, 'lsp', '--stdio'], { stdio: 'pipe' });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiters = new Set<(method: string, params: { uri?: string; version?: number; state?: string; templates?: number }) => boolean>();
  const deliver = (method: string, params: { uri?: string; version?: number; state?: string; templates?: number }): void => {
    for (const waiter of [...waiters]) if (waiter(method, params)) waiters.delete(waiter);
  };
  connection.onNotification('textDocument/publishDiagnostics', (params) => deliver('diagnostics', params as { uri: string; version?: number }));
  connection.onNotification('cfnNetworkLens/analysisStatus', (params) => deliver('status', params as { state: string; templates: number }));
  connection.onNotification(() => undefined);
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => settings));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest(() => null);
  connection.listen();
  const wait = (match: (method: string, params: { uri?: string; version?: number; state?: string; templates?: number }) => boolean, what: string): Promise<void> =>
    new Promise((resolvePromise, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), 600_000);
      waiters.add((method, params) => {
        if (!match(method, params)) return false;
        clearTimeout(timer);
        resolvePromise();
        return true;
      });
    });
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: folders[0] ? pathToFileURL(folders[0]).href : null,
    workspaceFolders: folders.length > 0 ? folders.map((folder, index) => ({ uri: pathToFileURL(folder).href, name: `f${index}` })) : null,
    capabilities: { workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } }, textDocument: { publishDiagnostics: { versionSupport: true } } },
  });
  return {
    connection,
    pid: child.pid ?? 0,
    diagnostics: (uri, version) => wait((method, params) => method === 'diagnostics' && params.uri === uri && (version === undefined || params.version === version), `diagnostics of ${uri}`),
    idle: (templates) => wait((method, params) => method === 'status' && params.state === 'idle' && (params.templates ?? 0) >= templates, `an idle status with ${templates} templates`),
    peakRssMb() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
      return kb / 1024;
    },
    async stop() {
      const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
      await connection.sendRequest('shutdown').catch(() => undefined);
      await connection.sendNotification('exit').catch(() => undefined);
      // A profiled server writes its profile as it exits: give it the time.
      await Promise.race([exited, new Promise((resolveTimeout) => setTimeout(resolveTimeout, 10_000))]);
      connection.dispose();
      if (child.exitCode === null) child.kill();
    },
  };
}

/** Median time from `didChange` to the diagnostics of that version, for an open document. */
async function editToDiagnostics(server: Server, uri: string, text: string, runs: number): Promise<number> {
  let version = 1;
  const first = server.diagnostics(uri, version);
  await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
  await first;
  const times: number[] = [];
  // Each edit types a character into a comment at the end and takes it out again, so every version parses anew.
  const end = endPosition(text);
  for (let index = 0; index <= runs; index++) {
    version++;
    const typed = version % 2 === 0;
    const change = typed
      ? { range: { start: end, end }, text: `\n# edit ${index}` }
      : { range: { start: end, end: { line: end.line + 1, character: `# edit ${index - 1}`.length } }, text: '' };
    const done = server.diagnostics(uri, version);
    const start = performance.now();
    await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    await done;
    if (index > 0) times.push(performance.now() - start);
  }
  return median(times);
}

function endPosition(text: string): { line: number; character: number } {
  const lines = text.split(/\r\n|\r|\n/);
  return { line: lines.length - 1, character: (lines[lines.length - 1] ?? '').length };
}

// ---------------------------------------------------------------------------------------------

interface Subject {
  readonly name: string;
  readonly file: string;
  readonly text: string;
}

function largestRealWorld(count: number): Subject[] {
  return readdirSync(REALWORLD)
    .filter((name) => /\.(ya?ml|json|template)$/.test(name))
    .map((name) => ({ name, size: statSync(join(REALWORLD, name)).size }))
    .sort((a, b) => b.size - a.size)
    .slice(0, count)
    .map(({ name }) => ({ name, file: join(REALWORLD, name), text: readFileSync(join(REALWORLD, name), 'utf8') }));
}

async function singleTemplates(): Promise<string> {
  const generated = generateTemplate(500);
  const folder = mkdtempSync(join(tmpdir(), 'cfn-network-lens-bench-'));
  const generatedFile = join(folder, 'generated-500.yaml');
  writeFileSync(generatedFile, generated);
  const dense = generateDenseEndpoints(40, 30);
  const denseFile = join(folder, 'generated-dense.yaml');
  writeFileSync(denseFile, dense);
  const subjects: Subject[] = [
    { name: 'generated, 500 resources', file: generatedFile, text: generated },
    { name: 'generated, 40 subnets and 30 blocking endpoints', file: denseFile, text: dense },
    ...largestRealWorld(3),
  ];
  const rows: string[][] = [];
  const server = await startServer([]);
  for (const subject of subjects) {
    const parseMs = timeMedian(RUNS, () => parse(subject.text));
    const analysisMs = timeMedian(RUNS, () => analyze([{ file: subject.file, text: subject.text }]));
    const editMs = await editToDiagnostics(server, pathToFileURL(subject.file).href, subject.text, RUNS);
    // Every fix of every finding, as `check --format json` and a code action request on the whole file compute them.
    const analysis = analyze([{ file: subject.file, text: subject.text }]);
    const fixCount = buildReport(analysis, true).findings.reduce((count, finding) => count + (finding.fixes?.length ?? 0), 0);
    const fixesMs = timeMedian(Math.min(RUNS, 5), () => buildReport(analysis, true));
    rows.push([
      subject.name.slice(0, 60),
      `${(subject.text.length / 1024).toFixed(0)} KiB`,
      ms(parseMs),
      ms(analysisMs),
      ratio(analysisMs, parseMs),
      ms(editMs),
      ratio(editMs, parseMs),
      `${ms(fixesMs)} (${fixCount})`,
    ]);
  }
  await server.stop();
  return table(['template', 'size', 'parse', 'analysis', 'analysis / parse', 'edit → diagnostics', 'edit / parse', 'all fixes (count)'], rows);
}

async function workspace(): Promise<string> {
  const files = generateWorkspace(GROUPS);
  const folder = mkdtempSync(join(tmpdir(), 'cfn-network-lens-bench-ws-'));
  for (const [name, text] of files) {
    mkdirSync(dirname(join(folder, name)), { recursive: true });
    writeFileSync(join(folder, name), text);
  }
  const templates = [...files.keys()].filter((name) => name.endsWith('.yaml') && !name.startsWith('.')).length;
  const lines: string[] = [`Workspace: ${templates} templates (${GROUPS} networks, ${GROUPS} endpoint stacks, ${GROUPS * 8} application stacks) and a project file naming every stack.`, ''];

  // In process: the engine alone, no I/O, with what the project file pins.
  const sources: SourceFile[] = [...files].filter(([name]) => name.endsWith('.yaml') && !name.startsWith('.')).map(([name, text]) => ({ file: join(folder, name), text }));
  const options = projectOptions(folder, files);
  const inProcess = (label: string, options: AnalysisOptions): string => {
    const fileCache = new Map<string, FileAnalysis>();
    const componentCache = createComponentCache();
    const start = performance.now();
    const cold = analyze(sources, { ...options, fileCache, componentCache });
    const coldMs = performance.now() - start;
    const target = sources.findIndex((source) => source.file.endsWith('app-0-1.yaml'));
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const edited = sources.map((source, index) => (index === target ? { ...source, text: `${source.text}# edit ${run}\n` } : source));
      const begin = performance.now();
      analyze(edited, { ...options, fileCache, componentCache });
      times.push(performance.now() - begin);
    }
    return `In process, ${label}: cold analysis ${ms(coldMs)} (${cold.components.length} components, ${cold.findings.length} findings); one template edited, analysed again: median ${ms(median(times))}.`;
  };
  lines.push(inProcess('with the project file', options), '');
  if (!args.has('--skip-open-conditions')) {
    // The same stacks without parameter values: every application stack's condition is open.
    const open = projectOptions(folder, generateWorkspace(GROUPS, false));
    lines.push(inProcess('without parameter values (conditions open)', open), '');
  }

  // Over stdio: the language server reading the folder, every template checked (workspace scope).
  const server = await startServer([folder], { diagnostics: { scope: 'workspace' } });
  let start = performance.now();
  const ready = server.idle(templates);
  await server.connection.sendNotification('initialized', {});
  await ready;
  const indexMs = performance.now() - start;
  const appUri = pathToFileURL(join(folder, 'apps', 'app-0-1.yaml')).href;
  const openEditMs = await editToDiagnostics(server, appUri, files.get('apps/app-0-1.yaml') ?? '', RUNS);
  const diskTimes: number[] = [];
  const networkPath = join(folder, 'network', 'net-0.yaml');
  const network = files.get('network/net-0.yaml') ?? '';
  for (let run = 0; run < Math.min(RUNS, 11); run++) {
    writeFileSync(networkPath, `${network}# edit ${run}\n`);
    const done = server.idle(templates);
    start = performance.now();
    await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(networkPath).href, type: 2 }] });
    await done;
    diskTimes.push(performance.now() - start);
  }
  const rss = server.peakRssMb();
  await server.stop();
  // The default scope: templates that are not open are linked and modelled, but not checked.
  const openFilesServer = await startServer([folder]);
  start = performance.now();
  const openFilesReady = openFilesServer.idle(templates);
  await openFilesServer.connection.sendNotification('initialized', {});
  await openFilesReady;
  const openFilesIndexMs = performance.now() - start;
  const openFilesRss = openFilesServer.peakRssMb();
  await openFilesServer.stop();
  lines.push(
    table(
      ['measure', 'result', 'target'],
      [
        ['cold index (initialized → first analysis of every template)', ms(indexMs), '≤ 5 s'],
        ['one open template edited (didChange → its diagnostics)', ms(openEditMs), '≤ 100 ms'],
        ['one file changed on disk (didChangeWatchedFiles → analysis done)', ms(median(diskTimes)), '≤ 100 ms'],
        ['server peak RSS (VmHWM)', `${rss.toFixed(0)} MB`, '≤ 300 MB'],
        ['cold index in openFiles scope (nothing open)', ms(openFilesIndexMs), '≤ 5 s'],
        ['server peak RSS in openFiles scope', `${openFilesRss.toFixed(0)} MB`, '≤ 300 MB'],
      ],
    ),
  );
  return lines.join('\n');
}

/** The analysis options the project file of a generated workspace gives, as the CLI and the server read it. */
function projectOptions(folder: string, files: ReadonlyMap<string, string>): AnalysisOptions {
  const projectFile = join(folder, PROJECT_FILE_NAME);
  const config = parseProjectFile(projectFile, files.get(PROJECT_FILE_NAME) ?? '', folder);
  const texts = new Map([...files].map(([name, text]) => [join(folder, name), text] as const));
  const setup = resolveWorkspaceSetup({ root: folder, project: config, texts, exists: (file) => texts.has(file) });
  if (setup.problems.length > 0) throw new Error(`the generated project file has problems: ${setup.problems.map((problem) => problem.message).join('; ')}`);
  return { parameters: setup.parameters, stackNames: setup.stackNames, regions: setup.regions };
}

function cliAgainstCfnLint(): string {
  const subjects = largestRealWorld(10);
  const hasCfnLint = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' });
  if (hasCfnLint.status !== 0) return 'cfn-lint is not installed: skipped.';
  const wall = (command: string, commandArgs: readonly string[]): number => {
    const start = performance.now();
    spawnSync(command, commandArgs, { stdio: 'ignore' });
    return performance.now() - start;
  };
  // One process per template: what a pre-commit hook or an editor save pays.
  let ours = 0;
  let theirs = 0;
  for (const subject of subjects) {
    ours += median([0, 1, 2].map(() => wall(process.execPath, [CLI, 'check', subject.file, '--exit-zero'])));
    theirs += wall('cfn-lint', [subject.file]);
  }
  // One process for all templates: what CI pays.
  const files = subjects.map((subject) => subject.file);
  const oursBatch = median([0, 1, 2].map(() => wall(process.execPath, [CLI, 'check', ...files, '--exit-zero'])));
  const theirsBatch = wall('cfn-lint', files);
  const perTemplate = (total: number): string => ms(total / subjects.length);
  // The whole corpus, one process each: the typical template rather than the largest.
  const corpus = readdirSync(REALWORLD).filter((name) => /\.(ya?ml|json|template)$/.test(name)).map((name) => join(REALWORLD, name));
  const oursCorpus = wall(process.execPath, [CLI, 'check', REALWORLD, '--exit-zero']);
  const theirsCorpus = wall('cfn-lint', corpus);
  const perCorpus = (total: number): string => ms(total / corpus.length);
  return [
    `The ${subjects.length} largest real-world templates; cfn-lint ${hasCfnLint.stdout.trim().replace(/^cfn-lint /, '')}, default rules. Wall time per template, process start included.`,
    '',
    table(
      ['invocation', 'cfn-network-lens', 'cfn-lint', 'speed-up'],
      [
        ['one process per template', perTemplate(ours), perTemplate(theirs), `${(theirs / ours).toFixed(1)}×`],
        ['one process for all templates', perTemplate(oursBatch), perTemplate(theirsBatch), `${(theirsBatch / oursBatch).toFixed(1)}×`],
        [`one process for the whole corpus (${corpus.length} templates)`, perCorpus(oursCorpus), perCorpus(theirsCorpus), `${(theirsCorpus / oursCorpus).toFixed(1)}×`],
      ],
    ),
  ].join('\n');
}

async function main(): Promise<void> {
  const sections: string[] = [`cfn-network-lens benchmark — node ${process.version}, ${new Date().toISOString().slice(0, 10)}${QUICK ? ' (quick)' : ''}`];
  if (!args.has('--skip-single')) sections.push('## Single templates', await singleTemplates());
  if (!args.has('--skip-workspace')) sections.push('## Workspace', await workspace());
  if (!args.has('--skip-cli')) sections.push('## CLI and cfn-lint', cliAgainstCfnLint());
  process.stdout.write(`${sections.join('\n\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
