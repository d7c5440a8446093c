/**
 * Starting external programs for the end-to-end suite in their own process groups and stopping
 * them by group, so that nothing they spawn (code-server's extension hosts, file watchers and our
 * language server; Neovim's language server) outlives the run. Every group started here is also
 * killed when the runner exits for any reason, including Ctrl+C.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

/** The leaders of the groups started here and not stopped yet, by process group id. */
const liveGroups = new Map<number, ChildProcess>();
const afterExitCleanups: (() => void)[] = [];
let exitHandlersInstalled = false;

function installExitHandlers(): void {
  if (exitHandlersInstalled) return;
  exitHandlersInstalled = true;
  // `exit` handlers must be synchronous: a SIGKILL to each group that is still registered, then the cleanups.
  process.on('exit', () => {
    for (const group of liveGroups.keys()) signalGroup(group, 'SIGKILL');
    for (const cleanup of afterExitCleanups) {
      try {
        cleanup();
      } catch {
        // Best effort: the process is exiting anyway.
      }
    }
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      console.error(`\n${signal}: stopping ${liveGroups.size} process group(s)`);
      // Wait (briefly) until the groups are gone, so that the exit cleanups do not race with dying processes.
      void Promise.all([...liveGroups.values()].map((child) => stopGroup(child, 3_000))).finally(() => process.exit(130));
    });
  }
}

function signalGroup(group: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-group, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs a synchronous cleanup when the runner exits, however it exits, after every registered
 * process group has been killed (so that, say, a scratch folder is removed once nothing writes to it).
 */
export function atExit(cleanup: () => void): void {
  installExitHandlers();
  afterExitCleanups.push(cleanup);
}

/** Spawns a program as the leader of a new process group (setsid) and registers the group for cleanup. */
export function spawnGroup(command: string, args: readonly string[], options: SpawnOptions): ChildProcess {
  installExitHandlers();
  const child = spawn(command, args, { ...options, detached: true });
  if (child.pid !== undefined) {
    const group = child.pid;
    liveGroups.set(group, child);
    // Only the group is tracked: when the leader exits, its children may still be running.
    child.once('error', () => liveGroups.delete(group));
  }
  return child;
}

/** Resolves when the child has exited, or after `timeoutMs` with false. */
export function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.off('exit', onExit);
      resolve(false);
    }, timeoutMs);
    const onExit = () => {
      clearTimeout(timer);
      resolve(true);
    };
    child.once('exit', onExit);
  });
}

/**
 * Stops the whole group: SIGTERM, up to `graceMs` for the leader to exit, then SIGKILL for whatever
 * of the group is left (a leader that exits first can leave children behind), and up to 2 s more
 * until no process of the group is left.
 */
export async function stopGroup(child: ChildProcess, graceMs = 10_000): Promise<void> {
  const group = child.pid;
  if (group === undefined) return;
  signalGroup(group, 'SIGTERM');
  const exited = await waitForExit(child, graceMs);
  if (!exited || signalGroup(group, 0)) signalGroup(group, 'SIGKILL');
  // The kernel has no event for "the last process of a group is gone", so look a few times.
  for (let attempt = 0; attempt < 40 && signalGroup(group, 0); attempt++) await new Promise((resolve) => setTimeout(resolve, 50));
  liveGroups.delete(group);
}
