/**
 * cfn-lint as an oracle for quick fixes: no fixed golden (`test/fixtures/rules/**\/*.fixed.yaml`) has
 * a cfn-lint error that its fixture did not already have. Skipped, saying so, where cfn-lint is not
 * installed.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripAnnotations } from '../harness/annotations';
import { FIXTURES } from '../harness/paths';

const RULES = join(FIXTURES, 'rules');

interface Match {
  readonly Filename: string;
  readonly Level: string;
  readonly Rule: { readonly Id: string };
}

function cfnLintAvailable(): boolean {
  const probe = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' });
  return probe.status === 0;
}

/** Error rule ids per file, from one cfn-lint run over all files. */
function cfnLintErrors(files: readonly string[]): Map<string, string[]> {
  const result = spawnSync('cfn-lint', ['--format', 'json', '--', ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 300_000 });
  assert.ok(result.stdout.trim().startsWith('['), `cfn-lint gave no JSON: ${result.stderr}`);
  const errors = new Map<string, string[]>();
  for (const match of JSON.parse(result.stdout) as Match[]) {
    if (match.Level !== 'Error') continue;
    errors.set(match.Filename, [...(errors.get(match.Filename) ?? []), match.Rule.Id]);
  }
  return errors;
}

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
    const errors = cfnLintErrors(pairs.flatMap((pair) => [pair.before, pair.after]));
    const added = pairs.flatMap((pair) => {
      const before = errors.get(pair.before) ?? [];
      return (errors.get(pair.after) ?? []).filter((id) => !before.includes(id)).map((id) => `${pair.name}: ${id}`);
    });
    assert.deepEqual(added, []);
  });
});
