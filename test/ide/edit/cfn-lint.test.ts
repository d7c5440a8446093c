/**
 * The edited templates are still valid CloudFormation in cfn-lint's eyes: every case's output is
 * linted, and an error is only acceptable when the fixture already had it (the VPC declared without
 * `Properties` lacks a CIDR block before and after the fix). Skipped, saying so in its title, when
 * `cfn-lint` is not installed.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { applyEdits, editsForIntents } from '../../../server/src/ide/edit';
import { CASES } from './edit-cases';
import { EDIT_FIXTURES, loadFixture } from './edit-harness';

interface CfnLintMatch {
  readonly Filename: string;
  readonly Level: string;
  readonly Message: string;
  readonly Rule: { readonly Id: string };
  readonly Location: { readonly Path: readonly (string | number)[] | null };
}

function cfnLintAvailable(): boolean {
  const probe = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' });
  return probe.error === undefined && probe.status === 0;
}

/** The errors cfn-lint reports per file, each as `rule path: message` so that line shifts do not matter. */
function cfnLintErrors(files: readonly string[]): Map<string, string[]> {
  const run = spawnSync('cfn-lint', ['--format', 'json', '--', ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(run.error, undefined, `cfn-lint did not run: ${String(run.error)}`);
  assert.ok(run.stdout.trim().startsWith('['), `cfn-lint printed no JSON report: ${run.stderr}`);
  const errors = new Map<string, string[]>(files.map((file) => [file, []]));
  for (const match of JSON.parse(run.stdout) as CfnLintMatch[]) {
    if (match.Level !== 'Error') continue;
    const file = files.find((candidate) => candidate === match.Filename || candidate.endsWith(match.Filename)) ?? match.Filename;
    const list = errors.get(file) ?? [];
    list.push(`${match.Rule.Id} ${(match.Location.Path ?? []).join('.')}: ${match.Message}`);
    errors.set(file, list);
  }
  return errors;
}

describe('edited templates and cfn-lint', () => {
  it('introduces no cfn-lint error in any edited template', function () {
    if (!cfnLintAvailable()) {
      if (this.test) this.test.title += ' (skipped: cfn-lint is not on PATH)';
      this.skip();
    }
    this.timeout(180_000);
    const directory = mkdtempSync(join(tmpdir(), 'cfn-network-lens-edit-'));
    try {
      const pairs = CASES.map((testCase) => {
        const file = loadFixture(testCase.fixture);
        const output = join(directory, `${testCase.name}${extname(testCase.fixture)}`);
        writeFileSync(output, applyEdits(file.text, editsForIntents(file, testCase.intents(file))));
        return { name: testCase.name, input: join(EDIT_FIXTURES, testCase.fixture), output };
      });
      const inputs = [...new Set(pairs.map((pair) => pair.input))];
      const errors = cfnLintErrors([...inputs, ...pairs.map((pair) => pair.output)]);
      const introduced = pairs.flatMap((pair) => {
        const before = new Set(errors.get(pair.input) ?? []);
        return (errors.get(pair.output) ?? []).filter((error) => !before.has(error)).map((error) => `${pair.name}: ${error}`);
      });
      assert.deepEqual(introduced, []);
      // The only fixtures allowed an error are the VPCs declared without Properties, by design.
      const inputsWithErrors = inputs.filter((input) => (errors.get(input) ?? []).length > 0).map((input) => input.slice(EDIT_FIXTURES.length + 1));
      assert.deepEqual(inputsWithErrors.sort(), ['spaces.json', 'vpc-no-properties.yaml']);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
