/**
 * The edited templates are still valid CloudFormation in cfn-lint's eyes: every case's output is
 * linted, and an error is only acceptable when the fixture already had it (the VPC declared without
 * `Properties` lacks a CIDR block before and after the fix). Skipped, saying so in its title, when
 * `cfn-lint` is not installed.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { applyEdits, editsForIntents } from '../../../server/src/ide/edit';
import { CASES } from './edit-cases';
import { EDIT_FIXTURES, loadFixture } from './edit-harness';
import { cfnLintAvailable, cfnLintErrors } from '../../harness/cfn-lint';

/** The errors cfn-lint reports per file, each as `rule path: message` so that line shifts do not matter. */
function errorsOf(files: readonly string[]): Map<string, string[]> {
  const matches = cfnLintErrors(files);
  return new Map([...matches].map(([file, list]) => [file, list.map((match) => `${match.Rule.Id} ${(match.Location.Path ?? []).join('.')}: ${match.Message}`)]));
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
      const errors = errorsOf([...inputs, ...pairs.map((pair) => pair.output)]);
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
