/**
 * The long fuzzer: `npm run fuzz -- --runs 100000 [--seed N] [--workers W] [--path P] [--max-ms 2000]
 * [--hang-ms 60000] [--out DIR]`. Runs the property of `test/fuzz/check-input.ts` (no exception, no
 * internal error, ranges inside the file, each input within a CPU-time bound) over mutated corpus
 * templates and generated ones, in worker threads so that an input that hangs or exhausts memory
 * is caught and saved instead of taking the fuzzer down. Prints the seed, the number of runs and of
 * failures, and each shrunk counterexample with the command that replays it; exits 1 on failure.
 * Quick fixes that throw are caught by the engine, so they are no failure: they are counted and an
 * example of each is saved, for the edit layer to fix.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import type { WorkerInput, WorkerMessage } from './fuzz-worker';

const HEADER_INTS = 4;
/** Characters of input shared with the main thread: enough for any mutated corpus file. */
const SHARED_CHARS = 4 * 1024 * 1024;

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    runs: { type: 'string', default: '10000' },
    seed: { type: 'string' },
    workers: { type: 'string', default: '1' },
    path: { type: 'string' },
    'max-ms': { type: 'string', default: '2000' },
    'hang-ms': { type: 'string', default: '60000' },
    out: { type: 'string', default: join(tmpdir(), 'cfn-network-lens-fuzz') },
  },
});

const runs = Number(values.runs);
const seed = values.seed !== undefined ? Number(values.seed) : Date.now() % 2 ** 31;
const workers = values.path ? 1 : Math.max(1, Number(values.workers));
const maxRunMs = Number(values['max-ms']);
const hangMs = Number(values['hang-ms']);
const out = values.out ?? tmpdir();
/** Node reports CPU time per process, not per thread: with several workers only wall time is per input. */
const clock = workers > 1 ? 'wall' : 'cpu';
if (![runs, seed, workers, maxRunMs, hangMs].every(Number.isFinite)) {
  process.stderr.write('usage: npm run fuzz -- --runs N [--seed N] [--workers W] [--path P] [--max-ms MS] [--hang-ms MS] [--out DIR]\n');
  process.exit(2);
}

interface Outcome {
  readonly seed: number;
  readonly runs: number;
  readonly failed: boolean;
  readonly report: string;
  readonly slowest: number;
}

function save(name: string, text: string): string {
  mkdirSync(out, { recursive: true });
  const path = join(out, name);
  writeFileSync(path, text);
  return path;
}

/** Run one worker from `workerSeed`; resolves when it finishes, hangs, or dies. */
function runWorker(index: number, workerSeed: number, workerRuns: number): Promise<Outcome> {
  const shared = new SharedArrayBuffer(HEADER_INTS * 4 + SHARED_CHARS * 2);
  const header = new Int32Array(shared, 0, HEADER_INTS);
  const chars = new Uint16Array(shared, HEADER_INTS * 4);
  const data: WorkerInput = { seed: workerSeed, runs: workerRuns, maxRunMs, clock, out, shared, ...(values.path ? { path: values.path } : {}) };
  // Worker threads do not inherit tsx's loader, so the worker registers it before loading its TypeScript.
  const bootstrap = `require('tsx/cjs'); require(${JSON.stringify(join(__dirname, 'fuzz-worker.ts'))});`;
  const worker = new Worker(bootstrap, { eval: true, workerData: data, resourceLimits: { maxOldGenerationSizeMb: 2048 } });
  /** The input of the run in progress, from shared memory. */
  const current = (): { run: number; file: string; text: string } => {
    const nameLength = Atomics.load(header, 2);
    const length = Atomics.load(header, 1);
    const decode = (start: number, count: number): string => {
      let text = '';
      for (let i = start; i < start + count; i += 8192) text += String.fromCharCode(...chars.subarray(i, Math.min(i + 8192, start + count)));
      return text;
    };
    return { run: Atomics.load(header, 0), file: decode(0, nameLength), text: decode(nameLength, length) };
  };
  return new Promise((resolve) => {
    let lastRun = -1;
    let since = Date.now();
    let settled = false;
    const finish = (outcome: Outcome): void => {
      if (settled) return;
      settled = true;
      clearInterval(watchdog);
      resolve(outcome);
    };
    const lost = (why: string): void => {
      const input = current();
      const path = save(`${why.split(' ')[0]}-seed-${workerSeed}-run-${input.run}-${input.file}`, input.text);
      void worker.terminate();
      finish({
        seed: workerSeed,
        runs: input.run,
        failed: true,
        slowest: Number.NaN,
        report: `worker ${index} (seed ${workerSeed}): ${why} at run ${input.run}; the input (${input.text.length} characters, ${input.file}) is saved in ${path}`,
      });
    };
    const watchdog = setInterval(() => {
      const run = Atomics.load(header, 0);
      if (run !== lastRun) {
        lastRun = run;
        since = Date.now();
      } else if (Date.now() - since > hangMs) lost(`hang (no progress for ${hangMs} ms)`);
    }, 1000);
    worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'progress') {
        process.stdout.write(`worker ${index}: ${message.runs} runs, slowest ${Math.round(message.slowest)} ms, slowest report with fixes ${Math.round(message.slowestReport)} ms\n`);
        return;
      }
      let report = `worker ${index} (seed ${message.seed}): ${message.runs} runs, ${message.failed ? 'FAILED' : 'passed'}, slowest parse and analysis ${Math.round(message.slowest)} ms ${clock}, slowest report with fixes ${Math.round(message.slowestReport)} ms cpu`;
      if (message.failed) {
        const saved = message.counterexampleText !== undefined ? save(`counterexample-seed-${message.seed}.txt`, message.counterexampleText) : undefined;
        report += [
          '',
          `problems: ${message.problems.join('\n  ')}`,
          `shrunk counterexample (${message.shrinks} shrinks${saved ? `, text saved in ${saved}` : ''}):`,
          message.counterexample ?? '(none)',
          `replay: npm run fuzz -- --seed ${message.seed} --runs ${workerRuns}${message.path ? ` --path "${message.path}"` : ''}`,
        ].join('\n');
      }
      for (const failure of message.fixFailures) report += `\nnote: ${failure.count} time(s) a quick fix threw and was dropped: ${failure.message} (example: ${failure.example})`;
      finish({ seed: message.seed, runs: message.runs, failed: message.failed, report, slowest: message.slowest });
    });
    worker.on('error', (error) => lost(`crash (${error.message.split('\n')[0]})`));
    worker.on('exit', (code) => {
      if (!settled) lost(`exit (the worker ended with code ${code})`);
    });
  });
}

async function main(): Promise<void> {
  const started = Date.now();
  process.stdout.write(`fuzzing: seed ${seed}, ${runs} runs, ${workers} worker(s), bound ${maxRunMs} ms ${clock === 'cpu' ? 'CPU' : 'wall'} time per input, hang after ${hangMs} ms\n`);
  const share = Math.ceil(runs / workers);
  const outcomes = await Promise.all(Array.from({ length: workers }, (_, index) => runWorker(index, seed + index, Math.min(share, runs - share * index))));
  for (const outcome of outcomes) process.stdout.write(`${outcome.report}\n`);
  const total = outcomes.reduce((sum, outcome) => sum + outcome.runs, 0);
  const failures = outcomes.filter((outcome) => outcome.failed).length;
  // A worker that hung or crashed cannot say how slow its finished runs were.
  const timings = outcomes.map((outcome) => outcome.slowest).filter(Number.isFinite);
  const slowest = timings.length > 0 ? `${Math.round(Math.max(...timings))} ms ${clock}` : 'unknown';
  process.stdout.write(`seed ${seed}: ${total} runs, ${failures} failure(s), slowest input ${slowest}, ${Math.round((Date.now() - started) / 1000)} s in all\n`);
  process.exitCode = failures > 0 ? 1 : 0;
}

void main();
