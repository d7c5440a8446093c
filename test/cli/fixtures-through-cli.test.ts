/**
 * The CLI gives exactly the engine's findings: the rule fixtures, checked as one workspace by the
 * bundled CLI, give the same JSON report as `analyze` on the same files in process.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { analyze } from '../../server/src/ide/analysis';
import { buildReport, type FindingsReport } from '../../server/src/ide/report';
import { collectFiles } from '../../server/src/cli/files';
import { runCli } from '../harness/run-cli';

describe('rule fixtures through the CLI', () => {
  it('reports what the engine reports, byte for byte', () => {
    const files = collectFiles(['test/fixtures/rules']);
    assert.ok(files.length > 20);
    const expected = buildReport(analyze(files.map((file) => ({ file, text: readFileSync(file, 'utf8') }))), true);
    const result = runCli(['check', 'test/fixtures/rules', '--format', 'json']);
    assert.equal(result.status, 1);
    const actual = JSON.parse(result.stdout) as FindingsReport;
    assert.deepEqual(actual, JSON.parse(JSON.stringify(expected)));
  });
});
