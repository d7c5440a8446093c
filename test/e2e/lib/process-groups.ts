/**
 * Starting external programs for the end-to-end suite in their own process groups and stopping
 * them by group, so that nothing they spawn (code-server's extension hosts, file watchers and our
 * language server; Neovim's language server) outlives the run. Every group started here is also
 * killed when the runner exits for any reason, including Ctrl+C.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

const liveGroups = new Set<number>();
let exitHandlersInstalled = false;

function installExitHandlers(): void {
  if (exitHandlersInstalled) return;
  exitHandlersInstalled = true;
  // `exit` handlers must be synchronous: a SIGKILL to each group that is still registered.
  process.on('exit', () => {
    for (const group of liveGroups) signalGroup(group, 'SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      console.error(`\n${signal}: stopping ${liveGroups.size} process group(s)`);
      for (const group of liveGroups) signalGroup(group, 'SIGTERM');
      process.exit(130);
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

/** Spawns a program as the leader of a new process group (setsid) and registers the group for cleanup. */
export function spawnGroup(command: string, args: readonly string[], options: SpawnOptions): ChildProcess {
  installExitHandlers();
  const child = spawn(command, args, { ...options, detached: true });
  if (child.pid !== undefined) {
    const group = child.pid;
    liveGroups.add(group);
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
 * of the group is left (a leader that exits first can leave children behind).
 */
export async function stopGroup(child: ChildProcess, graceMs = 10_000): Promise<void> {
  const group = child.pid;
  if (group === undefined) return;
  signalGroup(group, 'SIGTERM');
  const exited = await waitForExit(child, graceMs);
  if (!exited || signalGroup(group, 0)) signalGroup(group, 'SIGKILL');
  liveGroups.delete(group);
}
