/**
 * The end-to-end suite (`npm run test:e2e`): the packaged extension in real editors. Stages, each
 * with a deadline and a timing: install code-server if needed, package the `.vsix` (unless
 * `--vsix` names one), check the package, run the language server under Neovim, install the
 * `.vsix` into code-server, run the extension-host tests (mocha inside VS Code), and drive the
 * workbench in headless Chromium through the UI steps, saving screenshots to test-artifacts/e2e/.
 * Test stages run even when an earlier test stage failed; a failed setup stage stops the run.
 *
 *   npm run test:e2e -- [--vsix file.vsix] [--only neovim,extension-host,ui] [--keep]
 */
import { accessSync, constants, cpSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, delimiter, join, resolve } from 'node:path';
import { format } from 'node:util';
import * as esbuild from 'esbuild';
import { checkVsix, readVsixBundles } from '../package/vsix-contents';
import { launchChromium, chromiumPath } from './lib/chromium';
import { codeServerBinary, codeServerDir, installVsix, startCodeServer, type CodeServer } from './lib/code-server';
import { atExit, spawnGroup, stopGroup, waitForExit } from './lib/process-groups';
import { UI_STEPS, type UiContext } from './ui/steps';

const ROOT = resolve(__dirname, '..', '..');
const ARTIFACTS = join(ROOT, 'test-artifacts', 'e2e');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; publisher: string; version: string };
/** The folder `code-server --install-extension` unpacks our .vsix into. */
const EXTENSION_FOLDER = `${manifest.publisher}.${manifest.name}-${manifest.version}`;

const TEST_STAGES = ['neovim', 'extension-host', 'ui'] as const;
type TestStage = (typeof TEST_STAGES)[number];

interface Options {
  vsix: string | undefined;
  only: ReadonlySet<TestStage>;
  keep: boolean;
}

function parseArguments(args: readonly string[]): Options {
  let vsix: string | undefined;
  let only = new Set<TestStage>(TEST_STAGES);
  let keep = false;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? '';
    const [flag, inline] = arg.split('=', 2) as [string, string | undefined];
    const value = () => inline ?? args[++index] ?? '';
    if (flag === '--vsix') vsix = resolve(value());
    else if (flag === '--only') {
      const names = value().split(',').filter(Boolean);
      const unknown = names.filter((name) => !(TEST_STAGES as readonly string[]).includes(name));
      if (unknown.length > 0 || names.length === 0) throw new Error(`--only takes a list of ${TEST_STAGES.join(', ')}; got ${value()}`);
      only = new Set(names as TestStage[]);
    } else if (flag === '--keep') keep = true;
    else throw new Error(`unknown argument ${arg}; usage: run.ts [--vsix file.vsix] [--only ${TEST_STAGES.join(',')}] [--keep]`);
  }
  return { vsix, only, keep };
}

// ── Stages ───────────────────────────────────────────────────────────────────────────────────

interface StageResult {
  readonly name: string;
  readonly seconds: number;
  readonly error?: Error;
}
const results: StageResult[] = [];
const started = Date.now();

function say(stage: string, message: string): void {
  for (const line of message.replace(/\s+$/, '').split('\n')) console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s] ${stage.padEnd(15)} ${line}`);
}

/** Runs one stage with a deadline; records its time and outcome. A failed stage throws only when `fatal`. */
async function stage<T>(name: string, timeoutMs: number, fatal: boolean, body: () => Promise<T>): Promise<T | undefined> {
  const start = Date.now();
  say(name, 'start');
  let timer: NodeJS.Timeout | undefined;
  try {
    const value = await Promise.race([
      body(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`the stage did not finish within ${timeoutMs / 1000} s`)), timeoutMs);
      }),
    ]);
    results.push({ name, seconds: (Date.now() - start) / 1000 });
    say(name, `passed in ${((Date.now() - start) / 1000).toFixed(1)} s`);
    return value;
  } catch (caught) {
    const error = caught instanceof Error ? caught : new Error(String(caught));
    results.push({ name, seconds: (Date.now() - start) / 1000, error });
    say(name, `FAILED in ${((Date.now() - start) / 1000).toFixed(1)} s: ${error.message}`);
    if (fatal) throw error;
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs a program to completion in its own process group, streaming its output (or, when `quiet`,
 * printing it only if the program fails); rejects on a non-zero exit or after the deadline.
 */
async function runProgram(stageName: string, command: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs: number; quiet?: boolean }): Promise<string> {
  const child = spawnGroup(command, args, { cwd: options.cwd ?? ROOT, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    output += text;
    if (!options.quiet) say(stageName, text);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const spawned = new Promise<never>((_, reject) => child.once('error', reject));
  const exited = await Promise.race([waitForExit(child, options.timeoutMs), spawned]);
  if (!exited) {
    await stopGroup(child);
    throw new Error(`${basename(command)} did not finish within ${options.timeoutMs / 1000} s`);
  }
  // The leader is gone; make sure nothing it started lingers.
  await stopGroup(child, 1_000);
  if (child.exitCode !== 0) {
    if (options.quiet) say(stageName, output);
    throw new Error(`${basename(command)} ${args.join(' ')} exited with ${child.exitCode ?? child.signalCode}`);
  }
  return output;
}

function onPath(program: string): string | undefined {
  for (const folder of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(folder, program);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this folder.
    }
  }
  return undefined;
}

/** A scratch copy of examples/ plus test/e2e/workspace/ (a GitHub workflow), so that edits never touch the repository. */
function copyWorkspace(scratch: string, name: string): string {
  const folder = join(scratch, name, 'examples');
  cpSync(join(ROOT, 'examples'), folder, { recursive: true });
  cpSync(join(ROOT, 'test', 'e2e', 'workspace'), folder, { recursive: true });
  return folder;
}

function saveLog(codeServer: CodeServer | undefined, name: string): void {
  if (!codeServer || !existsSync(codeServer.logFile)) return;
  mkdirSync(join(ARTIFACTS, 'logs'), { recursive: true });
  cpSync(codeServer.logFile, join(ARTIFACTS, 'logs', `${name}-code-server.log`));
}

async function checkPrerequisites(options: Options): Promise<void> {
  const missing: string[] = [];
  if (options.only.has('neovim') && !onPath('nvim')) missing.push('nvim (apt-get install neovim)');
  if ((options.only.has('extension-host') || options.only.has('ui')) && !existsSync(chromiumPath())) missing.push(`${chromiumPath()} (apt-get install chromium)`);
  if (missing.length > 0) throw new Error(`missing: ${missing.join(', ')}; .ci/run installs them`);
}

async function ensureCodeServer(): Promise<void> {
  await runProgram('code-server', 'bash', [join(ROOT, 'scripts', 'e2e', 'install-code-server.sh'), codeServerDir()], { timeoutMs: 900_000 });
  if (!existsSync(codeServerBinary())) throw new Error(`no code-server at ${codeServerBinary()}`);
}

async function packageExtension(): Promise<string> {
  await runProgram('package', 'npm', ['run', 'package'], { timeoutMs: 170_000 });
  const vsix = join(ROOT, `${manifest.name}-${manifest.version}.vsix`);
  if (!existsSync(vsix)) throw new Error(`npm run package did not write ${vsix}`);
  return vsix;
}

async function checkRelease(vsix: string): Promise<void> {
  const report = checkVsix(vsix, ROOT);
  say('vsix-contents', `${basename(vsix)}: ${report.files.length} files, ${(report.size / 1024).toFixed(0)} KiB`);
  const problems = [...report.problems];
  for (const [name, text] of readVsixBundles(vsix)) if (text.includes('sourceMappingURL')) problems.push(`${name} refers to a source map: package a --production build`);
  if (problems.length > 0) throw new Error(problems.join('; '));
}

/**
 * Packages test/e2e/yaml-settings-stub, which declares `yaml.customTags` as the Red Hat YAML
 * extension does (that extension cannot be installed offline), so that the extension-host tests
 * can see our `configurationDefaults` applied to it.
 */
async function packageYamlSettingsStub(scratch: string): Promise<string> {
  const vsix = join(scratch, 'yaml-settings-stub.vsix');
  const vsce = join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  await runProgram('install-vsix', process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', vsix], {
    cwd: join(ROOT, 'test', 'e2e', 'yaml-settings-stub'),
    timeoutMs: 60_000,
    quiet: true,
  });
  return vsix;
}

async function runNeovim(scratch: string): Promise<void> {
  const workspace = copyWorkspace(scratch, 'neovim');
  const state = join(scratch, 'neovim', 'state');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // Neovim's lsp.log and shada go under these instead of $HOME.
    XDG_CACHE_HOME: state,
    XDG_STATE_HOME: state,
    XDG_DATA_HOME: state,
    XDG_CONFIG_HOME: state,
    CFN_LENS_NODE: process.execPath,
    CFN_LENS_CLI: join(ROOT, 'dist', 'cli.js'),
    CFN_LENS_FILE: join(workspace, 'endpoint-mistakes.yaml'),
    CFN_LENS_RULE: 'endpoint-private-dns-without-subnets',
    CFN_LENS_MESSAGE: 'has private DNS on but no subnets',
    CFN_LENS_TIMEOUT_MS: '15000',
  };
  const script = join(ROOT, 'test', 'e2e', 'neovim', 'lsp-check.lua');
  const output = await runProgram('neovim', 'nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${script}`], { env, timeoutMs: 60_000 });
  if (!/^OK$/m.test(output)) throw new Error('Neovim exited 0 without printing OK');
}

async function bundleExtensionTests(outdir: string): Promise<string> {
  const folder = join(ROOT, 'test', 'e2e', 'extension-host');
  const entryPoints = readdirSync(folder)
    .filter((name) => name === 'index.ts' || name.endsWith('.test.ts'))
    .map((name) => join(folder, name));
  await esbuild.build({
    entryPoints,
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode', 'mocha'],
    define: { CFN_LENS_REPO_ROOT: JSON.stringify(ROOT) },
    logLevel: 'warning',
  });
  return join(outdir, 'index.js');
}

async function runExtensionHostTests(scratch: string, extensionsDir: string, installed: string): Promise<void> {
  const testsEntry = await bundleExtensionTests(join(scratch, 'extension-tests'));
  const workspace = copyWorkspace(scratch, 'extension-host');
  let codeServer: CodeServer | undefined;
  const browser = await launchChromium();
  try {
    codeServer = await startCodeServer({ stateDir: join(scratch, 'cs-tests'), extensionsDir });
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    let finish: (code: number) => void = () => undefined;
    const exitCode = new Promise<number>((resolveExit) => {
      finish = resolveExit;
    });
    // The workbench reports the extension host's console and the tests' exit code through these hooks.
    await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown) => say('extension-host', format(...(Array.isArray(args) ? args : [args]))));
    await page.exposeFunction('codeAutomationExit', (code: number) => finish(code));
    const authority = new URL(codeServer.url).host;
    // The extension host runs the installed folder as the development extension, so the tests run against what the .vsix unpacked.
    const payload = [
      ['extensionDevelopmentPath', `vscode-remote://${authority}${installed}`],
      ['extensionTestsPath', `vscode-remote://${authority}${testsEntry}`],
    ];
    await page.goto(`${codeServer.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    const code = await exitCode;
    if (code !== 0) throw new Error(`the extension-host tests exited with ${code}`);
  } finally {
    await browser.close();
    await codeServer?.stop();
    saveLog(codeServer, 'extension-host');
  }
}

async function runUiSteps(scratch: string, extensionsDir: string): Promise<void> {
  const workspace = copyWorkspace(scratch, 'ui');
  const screenshots = join(ARTIFACTS, 'ui');
  mkdirSync(screenshots, { recursive: true });
  let codeServer: CodeServer | undefined;
  const browser = await launchChromium();
  const consoleLog = createWriteStream(join(ARTIFACTS, 'logs', 'ui-browser-console.log'));
  try {
    codeServer = await startCodeServer({ stateDir: join(scratch, 'cs-ui'), extensionsDir });
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.setDefaultTimeout(30_000);
    page.on('console', (message) => consoleLog.write(`[${message.type()}] ${message.text()}\n`));
    page.on('pageerror', (error) => consoleLog.write(`[pageerror] ${error.message}\n`));
    for (const [index, step] of UI_STEPS.entries()) {
      const prefix = `${String(index + 1).padStart(2, '0')}-${step.name}`;
      const context: UiContext = { page, baseUrl: codeServer.url, workspace, log: (message) => say('ui', `  ${step.name}: ${message}`) };
      say('ui', `${prefix}: ${step.description}`);
      const timeoutMs = step.timeoutMs ?? 60_000;
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          step.run(context),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`step ${step.name} did not finish within ${timeoutMs / 1000} s`)), timeoutMs);
          }),
        ]);
        // Finishing CSS animations first keeps a fading-in hover from being caught half transparent.
        await page.screenshot({ path: join(screenshots, `${prefix}.png`), animations: 'disabled' });
      } catch (error) {
        await page.screenshot({ path: join(screenshots, `${prefix}-failed.png`), animations: 'disabled' }).catch(() => undefined);
        throw new Error(`step ${prefix} failed (screenshot ${prefix}-failed.png): ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        clearTimeout(timer);
      }
    }
  } finally {
    await browser.close();
    await codeServer?.stop();
    consoleLog.end();
    saveLog(codeServer, 'ui');
  }
}

// ── Main ─────────────────────────────────────────────────────────────────────────────────────

async function main(): Promise<number> {
  const options = parseArguments(process.argv.slice(2));
  rmSync(ARTIFACTS, { recursive: true, force: true });
  mkdirSync(join(ARTIFACTS, 'logs'), { recursive: true });
  const scratch = mkdtempSync(join(tmpdir(), 'cfn-lens-e2e-'));
  say('e2e', `scratch folder ${scratch}, artifacts in ${ARTIFACTS}`);
  // Also after Ctrl+C and SIGTERM, once the process groups are killed (see lib/process-groups.ts).
  if (!options.keep) atExit(() => rmSync(scratch, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 }));
  try {
    await stage('prerequisites', 10_000, true, () => checkPrerequisites(options));
    await stage('code-server', 900_000, true, ensureCodeServer);
    const vsix = options.vsix ?? (await stage('package', 180_000, true, packageExtension));
    if (!vsix || !existsSync(vsix)) throw new Error(`no .vsix at ${vsix}`);
    await stage('vsix-contents', 30_000, true, () => checkRelease(vsix));
    if (options.only.has('neovim')) await stage('neovim', 90_000, false, () => runNeovim(scratch));
    if (options.only.has('extension-host') || options.only.has('ui')) {
      const extensionsDir = join(scratch, 'extensions');
      const installed = await stage('install-vsix', 120_000, true, async () => {
        const stub = await packageYamlSettingsStub(scratch);
        return installVsix([vsix, stub], join(scratch, 'cs-install'), extensionsDir, EXTENSION_FOLDER);
      });
      if (!installed) throw new Error('the .vsix was not installed');
      if (options.only.has('extension-host')) await stage('extension-host', 240_000, false, () => runExtensionHostTests(scratch, extensionsDir, installed));
      if (options.only.has('ui')) await stage('ui', 300_000, false, () => runUiSteps(scratch, extensionsDir));
    }
  } catch {
    // A fatal stage failed; it is in the results already.
  } finally {
    if (options.keep) say('e2e', `kept ${scratch}`);
  }
  const failed = results.filter((result) => result.error);
  const summary = results.map((result) => `${result.error ? 'FAIL' : 'ok  '} ${result.name.padEnd(15)} ${result.seconds.toFixed(1).padStart(6)} s${result.error ? `  ${result.error.message.split('\n')[0]}` : ''}`);
  console.log(`\nend-to-end summary (${((Date.now() - started) / 1000).toFixed(1)} s):\n  ${summary.join('\n  ')}`);
  writeFileSync(join(ARTIFACTS, 'summary.txt'), `${summary.join('\n')}\n`);
  return failed.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
