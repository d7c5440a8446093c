/**
 * cfn-lint as a test oracle: whether it is installed, and the errors it reports for a set of files,
 * by the paths the test gave (cfn-lint may print a path in another form, so a reported path matches
 * the given one it ends).
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';

export interface CfnLintMatch {
  readonly Filename: string;
  readonly Level: string;
  readonly Message: string;
  readonly Rule: { readonly Id: string };
  readonly Location: { readonly Path: readonly (string | number)[] | null };
}

export function cfnLintAvailable(): boolean {
  const probe = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' });
  return probe.error === undefined && probe.status === 0;
}

/** The error-level matches of one cfn-lint run over `files`, per given file (every file has an entry). */
export function cfnLintErrors(files: readonly string[]): Map<string, CfnLintMatch[]> {
  const run = spawnSync('cfn-lint', ['--format', 'json', '--', ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 300_000 });
  assert.equal(run.error, undefined, `cfn-lint did not run: ${String(run.error)}`);
  assert.ok(run.stdout.trim().startsWith('['), `cfn-lint printed no JSON report: ${run.stderr}`);
  const errors = new Map<string, CfnLintMatch[]>(files.map((file) => [file, []]));
  for (const match of JSON.parse(run.stdout) as CfnLintMatch[]) {
    if (match.Level !== 'Error') continue;
    const file = files.find((candidate) => candidate === match.Filename || candidate.endsWith(match.Filename));
    assert.ok(file !== undefined, `cfn-lint reported ${match.Filename}, which is none of the files given`);
    errors.get(file)?.push(match);
  }
  return errors;
}
