/**
 * code-server (VS Code 1.99.3 served to a browser) for the end-to-end suite: where it is
 * installed, installing a `.vsix` into an extensions folder, and starting one instance with all of
 * its state in a scratch folder, in its own process group, on a port the system picks.
 */
import { execFile, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { spawnGroup, stopGroup } from './process-groups';

const run = promisify(execFile);

/** Where scripts/e2e/install-code-server.sh puts code-server unless told otherwise. */
export function codeServerDir(): string {
  return process.env.CFN_LENS_CODE_SERVER_DIR ?? join(homedir(), '.cache', 'cfn-network-lens', 'code-server');
}

export function codeServerBinary(): string {
  return join(codeServerDir(), 'node_modules', '.bin', 'code-server');
}

/**
 * The environment code-server runs in: XDG folders and TMPDIR inside the state folder, so that
 * its config, logs, device id and leftover IPC sockets stay out of $HOME and /tmp.
 */
function stateEnvironment(stateDir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const [name, folder] of [['XDG_CONFIG_HOME', 'xdg-config'], ['XDG_DATA_HOME', 'xdg-data'], ['XDG_CACHE_HOME', 'xdg-cache'], ['TMPDIR', 'tmp']] as const) {
    env[name] = join(stateDir, folder);
    mkdirSync(env[name], { recursive: true });
  }
  return env;
}

/**
 * Installs `.vsix` files into `extensionsDir` (offline: code-server unpacks them itself) and
 * returns the folder of the first one, the extension under test, named `extensionFolderName`.
 */
export async function installVsix(vsixFiles: readonly string[], stateDir: string, extensionsDir: string, extensionFolderName: string): Promise<string> {
  mkdirSync(extensionsDir, { recursive: true });
  const { stdout, stderr } = await run(
    codeServerBinary(),
    [
      '--config', join(stateDir, 'config.yaml'),
      '--user-data-dir', join(stateDir, 'install-user-data'),
      '--extensions-dir', extensionsDir,
      ...vsixFiles.flatMap((vsix) => ['--install-extension', vsix]),
    ],
    { env: stateEnvironment(stateDir), timeout: 120_000 },
  );
  const installed = join(extensionsDir, extensionFolderName);
  if (!existsSync(join(installed, 'package.json'))) {
    throw new Error(`code-server did not install ${vsixFiles[0] ?? 'anything'} as ${installed}:\n${stdout}\n${stderr}`);
  }
  return installed;
}

/** User settings for a quiet, deterministic workbench: no tours, no update checks, no auto-save. */
const USER_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'files.autoSave': 'off',
  'files.hotExit': 'off',
  'editor.hover.delay': 150,
  'editor.minimap.enabled': false,
  'editor.stickyScroll.enabled': false,
  'workbench.colorTheme': 'Default Light Modern',
  'chat.commandCenter.enabled': false,
};

export interface CodeServer {
  /** For example http://127.0.0.1:40321 (no trailing slash). */
  readonly url: string;
  readonly logFile: string;
  readonly process: ChildProcess;
  /** The last lines of code-server's log, for error messages. */
  logTail(lines?: number): string;
  /** Stops code-server and everything it started (its process group). */
  stop(): Promise<void>;
}

export interface StartOptions {
  readonly stateDir: string;
  readonly extensionsDir: string;
  /** Passed to code-server, and through it to the extension host and our language server. */
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs?: number;
}

/**
 * Starts code-server on 127.0.0.1 with a port the system picks, and resolves once its log says it
 * listens (the line carries the real port). The extension host only starts when a browser connects.
 */
export async function startCodeServer(options: StartOptions): Promise<CodeServer> {
  const { stateDir, extensionsDir } = options;
  const timeoutMs = options.timeoutMs ?? 60_000;
  mkdirSync(join(stateDir, 'user-data', 'User'), { recursive: true });
  writeFileSync(join(stateDir, 'user-data', 'User', 'settings.json'), `${JSON.stringify(USER_SETTINGS, null, 2)}\n`);
  const logFile = join(stateDir, 'code-server.log');
  const log = createWriteStream(logFile);
  const child = spawnGroup(
    codeServerBinary(),
    [
      '--config', join(stateDir, 'config.yaml'),
      '--auth', 'none',
      '--bind-addr', '127.0.0.1:0',
      '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
      '--disable-getting-started-override', '--ignore-last-opened',
      '--user-data-dir', join(stateDir, 'user-data'),
      '--extensions-dir', extensionsDir,
    ],
    { env: stateEnvironment(stateDir, options.env), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`code-server did not listen within ${timeoutMs} ms`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const listening = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (listening?.[1]) finish(undefined, listening[1]);
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => finish(new Error(`code-server exited (code ${code}, signal ${signal}) before it listened`));
    const finish = (error?: Error, found?: string) => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      if (error) reject(new Error(`${error.message}\n${output}`));
      else resolve(found ?? '');
    };
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
    child.once('error', (error) => finish(error));
  }).catch(async (error: unknown) => {
    await stopGroup(child);
    log.end(output);
    throw error;
  });
  // From here on the log file gets everything; `output` already holds the start.
  log.write(output);
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  return {
    url,
    logFile,
    process: child,
    logTail(lines = 40) {
      return readFileSync(logFile, 'utf8').split('\n').slice(-lines).join('\n');
    },
    async stop() {
      await stopGroup(child);
      log.end();
    },
  };
}
