/**
 * cfn-lint as an oracle for quick fixes: no fixed golden (`test/fixtures/rules/**\/*.fixed.yaml`) has
 * a cfn-lint error that its fixture did not already have. Skipped, saying so, where cfn-lint is not
 * installed.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripAnnotations } from '../harness/annotations';
import { FIXTURES } from '../harness/paths';
import { cfnLintAvailable, cfnLintErrors } from '../harness/cfn-lint';

const RULES = join(FIXTURES, 'rules');

describe('quick fixes and cfn-lint', () => {
  const available = cfnLintAvailable();
  (available ? it : it.skip)(`adds no cfn-lint error to any fixture${available ? '' : ' (skipped: cfn-lint is not on PATH)'}`, function () {
    this.timeout(300_000);
    const directory = mkdtempSync(join(tmpdir(), 'cfn-network-lens-oracle-'));
    const pairs: { before: string; after: string; name: string }[] = [];
    for (const rule of readdirSync(RULES)) {
      for (const name of readdirSync(join(RULES, rule)).filter((entry) => entry.endsWith('.fixed.yaml'))) {
        const original = name.replace('.fixed.yaml', '.yaml');
        const before = join(directory, `${rule}--${original}`);
        const after = join(directory, `${rule}--${name}`);
        writeFileSync(before, stripAnnotations(readFileSync(join(RULES, rule, original), 'utf8')));
        writeFileSync(after, readFileSync(join(RULES, rule, name), 'utf8'));
        pairs.push({ before, after, name: `${rule}/${name}` });
      }
    }
    assert.ok(pairs.length > 0, 'there are fixed goldens');
    const matches = cfnLintErrors(pairs.flatMap((pair) => [pair.before, pair.after]));
    const errors = (file: string): string[] => (matches.get(file) ?? []).map((match) => match.Rule.Id);
    const added = pairs.flatMap((pair) => {
      const before = errors(pair.before);
      return errors(pair.after).filter((id) => !before.includes(id)).map((id) => `${pair.name}: ${id}`);
    });
    assert.deepEqual(added, []);
    // The oracle sees the files: a fixture cfn-lint rejects before the fix is reported under its path.
    assert.ok(pairs.some((pair) => errors(pair.before).length > 0), 'cfn-lint reported no error for any fixture, so its paths did not match');
  });
});
