/**
 * One fuzzing worker for `scripts/fuzz.ts`: runs the property of `test/fuzz/check-input.ts` over the
 * inputs of `test/fuzz/fuzz-input.ts` with fast-check, from a given seed, and reports progress and the
 * shrunk counterexample to the main thread. Before each run it copies the input into shared memory,
 * so that the main thread can save an input that hangs or crashes the worker.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import fc from 'fast-check';
import { checkFiles } from '../test/fuzz/check-input';
import { describeCase, filesOf, fuzzCase, type FuzzCase } from '../test/fuzz/fuzz-input';

export interface WorkerInput {
  readonly seed: number;
  readonly runs: number;
  readonly path?: string;
  readonly maxRunMs: number;
  /** What the bound measures: CPU time counts every thread of the process, so several workers use wall time. */
  readonly clock: 'cpu' | 'wall';
  /** Where examples of failing quick fixes are saved. */
  readonly out: string;
  /** Layout: [0] run index, [1] text length, [2] file name length (Int32); then the file name and the text (UTF-16). */
  readonly shared: SharedArrayBuffer;
}

export type WorkerMessage =
  | { readonly kind: 'progress'; readonly runs: number; readonly slowest: number; readonly slowestReport: number }
  | {
      readonly kind: 'done';
      readonly seed: number;
      readonly runs: number;
      readonly failed: boolean;
      readonly problems: readonly string[];
      readonly counterexample: string | undefined;
      readonly counterexampleText: string | undefined;
      readonly path: string | undefined;
      readonly shrinks: number;
      /** The slowest parse and analysis, and the slowest report with fixes, in milliseconds. */
      readonly slowest: number;
      readonly slowestReport: number;
      /** Quick fixes that threw (caught, so no failure), by message: how often, and where an example is saved. */
      readonly fixFailures: readonly { readonly message: string; readonly count: number; readonly example: string }[];
    };

export const HEADER_INTS = 4;

const input = workerData as WorkerInput;
const header = new Int32Array(input.shared, 0, HEADER_INTS);
const chars = new Uint16Array(input.shared, HEADER_INTS * 4);

/** Copy the current input where the main thread can read it if this run never ends. */
function publish(run: number, fuzzCase: FuzzCase): void {
  // A workspace is saved as the JSON list of its files; a single file as itself.
  const name = fuzzCase.others.length > 0 ? 'workspace.json' : fuzzCase.file;
  const text = fuzzCase.others.length > 0 ? JSON.stringify(filesOf(fuzzCase), null, 2) : fuzzCase.text;
  const length = Math.min(text.length, chars.length - name.length);
  for (let i = 0; i < name.length; i++) chars[i] = name.charCodeAt(i);
  for (let i = 0; i < length; i++) chars[name.length + i] = text.charCodeAt(i);
  Atomics.store(header, 1, length);
  Atomics.store(header, 2, name.length);
  Atomics.store(header, 0, run);
}

let run = 0;
let slowest = 0;
let slowestReport = 0;
const fixFailures = new Map<string, { count: number; example: string }>();

/** Count a failing quick fix by its message without numbers, saving the first input that shows it. */
function noteFixFailures(messages: readonly string[], fuzzCase: FuzzCase): void {
  for (const message of messages) {
    const key = message.replace(/\d+/g, 'N');
    const known = fixFailures.get(key);
    if (known) {
      known.count++;
      continue;
    }
    mkdirSync(input.out, { recursive: true });
    const example = join(input.out, `fix-failure-seed-${input.seed}-run-${run}.json`);
    writeFileSync(example, JSON.stringify({ message, files: filesOf(fuzzCase) }, null, 2));
    fixFailures.set(key, { count: 1, example });
  }
}
let lastProblems: readonly string[] = [];
const details = fc.check(
  fc.property(fuzzCase(), (fuzzCase) => {
    run++;
    publish(run, fuzzCase);
    const result = checkFiles(filesOf(fuzzCase), input.maxRunMs, input.clock);
    slowest = Math.max(slowest, input.clock === 'cpu' ? result.cpuMs : result.wallMs);
    slowestReport = Math.max(slowestReport, result.reportCpuMs);
    if (run % 500 === 0) parentPort?.postMessage({ kind: 'progress', runs: run, slowest, slowestReport } satisfies WorkerMessage);
    if (result.problems.length > 0) lastProblems = result.problems;
    noteFixFailures(result.fixFailures, fuzzCase);
    return result.problems.length === 0;
  }),
  { seed: input.seed, numRuns: input.runs, ...(input.path ? { path: input.path } : {}) },
);

const counterexample = details.counterexample?.[0];
// The shrunk counterexample is checked again for its own problems; a slow run may not be slow twice.
const problems = counterexample ? checkFiles(filesOf(counterexample), input.maxRunMs, input.clock).problems : [];
parentPort?.postMessage({
  kind: 'done',
  seed: details.seed,
  runs: details.numRuns,
  failed: details.failed,
  problems: problems.length > 0 ? problems : lastProblems,
  counterexample: counterexample ? describeCase(counterexample) : undefined,
  counterexampleText: counterexample ? (counterexample.others.length > 0 ? JSON.stringify(filesOf(counterexample), null, 2) : counterexample.text) : undefined,
  path: details.counterexamplePath ?? undefined,
  shrinks: details.numShrinks,
  slowest,
  slowestReport,
  fixFailures: [...fixFailures].map(([message, { count, example }]) => ({ message, count, example })),
} satisfies WorkerMessage);
