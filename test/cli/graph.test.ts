/**
 * `cfn-network-lens graph` through the bundled CLI: SVG by default and Mermaid on request, the same
 * bytes for the same input, `--output` to a file, and exit codes (0 drawn, 2 bad usage or unreadable
 * input, with a one-line message).
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../harness/run-cli';
import { mermaidProblems } from '../ide/graph/mermaid-syntax';
import { parseXml, unsafeParts } from '../ide/graph/svg-structure';

const STORY = 'examples/session-manager.yaml';

describe('cli graph', () => {
  it('draws SVG to stdout by default and exits 0, even for a template with error findings', () => {
    const result = runCli(['graph', STORY]);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stderr, '');
    const root = parseXml(result.stdout);
    assert.deepEqual(unsafeParts(root), []);
    assert.match(result.stdout, /<path class="edge edge-blocked" [^>]*data-from="PublicInstance" data-to="SsmEndpoint">/);
    assert.ok(result.stdout.includes('data-file="examples/session-manager.yaml"'));
  });

  it('gives the same bytes on every run, for SVG and Mermaid', () => {
    for (const format of ['svg', 'mermaid']) {
      const first = runCli(['graph', 'examples', '--format', format]);
      const second = runCli(['graph', 'examples', '--format', format]);
      assert.equal(first.status, 0, first.stderr);
      assert.ok(first.stdout.length > 0);
      assert.equal(first.stdout, second.stdout, format);
    }
  });

  it('writes Mermaid that passes the syntax check', () => {
    const result = runCli(['graph', STORY, '-f', 'mermaid']);
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(mermaidProblems(result.stdout), []);
    assert.match(result.stdout, /-->\|"blocked at endpoint SG"\|/);
  });

  it('writes to --output instead of stdout', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'cfn-network-lens-graph-')), 'vpc.svg');
    const result = runCli(['graph', STORY, '--output', path]);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, '');
    assert.equal(readFileSync(path, 'utf8'), runCli(['graph', STORY]).stdout);
  });

  it('uses the region for DNS names', () => {
    const result = runCli(['graph', STORY, '--region', 'eu-west-1']);
    assert.equal(result.status, 0, result.stderr);
    assert.ok(result.stdout.includes('ssm.eu-west-1.amazonaws.com'));
  });

  it('exits 2 with a one-line message on bad usage or unreadable input', () => {
    for (const args of [
      ['graph', STORY, '--format', 'png'],
      ['graph', STORY, '--format', 'sarif'],
      ['graph', STORY, '--no-such-option'],
      ['graph', STORY, '--region', 'mars'],
      ['graph', 'no/such/file.yaml'],
      ['graph', STORY, '--output', join(tmpdir(), 'no-such-directory-for-cfn-network-lens', 'x.svg')],
    ]) {
      const result = runCli(args);
      assert.equal(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, /^cfn-network-lens: [^\n]+\n$/, args.join(' '));
      assert.equal(result.stdout, '');
    }
  });

  it('lists graph in --help', () => {
    const result = runCli(['--help']);
    assert.equal(result.status, 0);
    assert.ok(result.stdout.includes('cfn-network-lens graph [paths...]'));
    assert.ok(result.stdout.includes('--format <svg|mermaid>'));
  });
});
