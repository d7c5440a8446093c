/**
 * The short, seeded fuzz run of `npm test`: a few hundred mutated corpus templates and generated
 * templates, each parsed and analysed without an exception, an internal error, a range outside its
 * file, or a run over the CPU-time bound. The seeds are fixed, so a failure here reproduces; the long
 * run with random seeds is `npm run fuzz -- --runs N` (see docs/robustness.md).
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { checkFiles } from './check-input';
import { describeCase, filesOf, generatedCase, mutatedCorpusCase, workspaceCase, type FuzzCase } from './fuzz-input';
import { applyMutations, mutation } from './mutations';

/** Run the property and fail with the problems and the shrunk counterexample, readable without fast-check. */
function assertNoProblems(arbitrary: fc.Arbitrary<FuzzCase>, seed: number, numRuns: number): void {
  const details = fc.check(
    fc.property(arbitrary, (input) => checkFiles(filesOf(input)).problems.length === 0),
    { seed, numRuns },
  );
  const counterexample = details.counterexample?.[0];
  if (details.failed && counterexample) {
    const problems = checkFiles(filesOf(counterexample)).problems;
    assert.fail(`fuzzing with seed ${seed} failed after ${details.numRuns} runs:\n  ${problems.join('\n  ')}\n${describeCase(counterexample)}`);
  }
  assert.equal(details.failed, false, `fuzzing with seed ${seed} failed: ${String(details.errorInstance)}`);
}

describe('fuzzing (short, seeded)', function () {
  // The bound per input is 2 s of CPU time; the whole run stays well under 20 s on an idle machine.
  this.timeout(120_000);

  it('reads mutated corpus templates without a crash, an internal error or a stray range', () => {
    assertNoProblems(mutatedCorpusCase(), 20_240_601, 200);
  });

  it('reads generated templates (every intrinsic, right and wrong shapes) the same way', () => {
    assertNoProblems(generatedCase(), 20_240_602, 150);
  });

  it('links workspaces of templates that export, import and nest one another, one of them mutated', () => {
    assertNoProblems(workspaceCase(), 20_240_604, 50);
  });

  it('applies any mutation to edge-case texts (empty, one character, CRLF, JSON, NUL and lone surrogates)', () => {
    const texts = ['', '\n', 'a', 'A: 1\r\nB:\r\n  - x\r\n', '{"A": [1, {"B": null}]}', '\uFEFF\u0000\uD800'];
    fc.assert(
      fc.property(fc.constantFrom(...texts), fc.array(mutation, { maxLength: 6 }), (text, mutations) => {
        assert.equal(typeof applyMutations(text, mutations), 'string');
      }),
      { seed: 20_240_603, numRuns: 300 },
    );
  });
});
