/**
 * The bundled CLI: formats (text, JSON, SARIF), exit codes (0 clean, 1 error findings, 2 bad usage
 * or unreadable input, with a one-line message and no stack trace), directory walking and skipping
 * of files it cannot read as text.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../harness/run-cli';
import type { FindingsReport } from '../../server/src/ide/report';

const CLEAN = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
`;

function workspace(files: Record<string, string | Buffer>): string {
  const directory = mkdtempSync(join(tmpdir(), 'cfn-network-lens-cli-'));
  for (const [name, content] of Object.entries(files)) {
    const path = join(directory, name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, content);
  }
  return directory;
}

describe('cli check', () => {
  it('prints findings as file:line:col severity rule message and exits 1 on errors', () => {
    const result = runCli(['check', 'examples/endpoint-mistakes.yaml']);
    assert.equal(result.status, 1, result.stderr);
    const lines = result.stdout.trim().split('\n');
    assert.match(lines[0] ?? '', /^examples\/endpoint-mistakes\.yaml:\d+:\d+ (error|warning|info) [a-z-]+ .+\.$/);
    assert.ok(result.stdout.includes(' error endpoint-private-dns-without-subnets Interface endpoint "LogsEndpoint"'));
    assert.match(lines[lines.length - 1] ?? '', /^\d+ problems \(\d+ errors?, \d+ warnings?\), 1 template checked\.$/);
  });

  it('exits 0 with --exit-zero and on a clean template', () => {
    assert.equal(runCli(['check', 'examples/endpoint-mistakes.yaml', '--exit-zero']).status, 0);
    const directory = workspace({ 'clean.yaml': CLEAN });
    const clean = runCli(['check', directory]);
    assert.equal(clean.status, 0);
    assert.equal(clean.stdout, 'No problems found (1 template checked).\n');
  });

  it('walks directories for templates, skipping node_modules and files that are not templates', () => {
    const directory = workspace({
      'a/stack.yaml': CLEAN,
      'a/b/stack.json': JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: {} }),
      'node_modules/x/bad.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nResources: [',
      'workflow.yml': 'on: push\njobs: {}\n',
      'notes.txt': 'AWSTemplateFormatVersion: nope',
    });
    const report = JSON.parse(runCli(['check', directory, '--format', 'json']).stdout) as FindingsReport;
    assert.deepEqual(
      report.files.map((file) => [file.file.slice(directory.length + 1), file.template]),
      [
        ['a/b/stack.json', true],
        ['a/stack.yaml', true],
        ['workflow.yml', false],
      ],
    );
  });

  it('writes the JSON report contract', () => {
    const report = JSON.parse(runCli(['check', 'examples/endpoint-mistakes.yaml', '--format', 'json']).stdout) as FindingsReport;
    assert.equal(report.version, 1);
    assert.deepEqual(report.files, [{ file: 'examples/endpoint-mistakes.yaml', template: true }]);
    const finding = report.findings.find((entry) => entry.rule === 'private-dns-needs-vpc-dns');
    assert.ok(finding);
    assert.deepEqual(Object.keys(finding).sort(), ['file', 'fixes', 'logicalId', 'message', 'path', 'range', 'related', 'rule', 'severity']);
    assert.equal(finding.logicalId, 'Vpc');
    assert.deepEqual(finding.path, ['Resources', 'Vpc', 'Properties']);
    assert.deepEqual(finding.range, { start: { line: 6, character: 4 }, end: { line: 6, character: 14 } });
    assert.equal(finding.related[0]?.logicalId, 'LogsEndpoint');
    assert.ok(Array.isArray(finding.fixes));
  });

  it('writes SARIF 2.1.0 with rule metadata, help links and 1-based regions', () => {
    const result = runCli(['check', 'examples/endpoint-mistakes.yaml', '--format', 'sarif']);
    const log = JSON.parse(result.stdout) as { version: string; runs: { tool: { driver: { rules: { id: string; helpUri: string }[] } }; results: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }[] }[] };
    assert.equal(log.version, '2.1.0');
    const run = log.runs[0];
    assert.ok(run);
    assert.ok(run.tool.driver.rules.some((rule) => rule.id === 'endpoint-subnets-share-az' && rule.helpUri.endsWith('/docs/rules/endpoint-subnets-share-az.md')));
    const result0 = run.results.find((entry) => entry.ruleId === 'private-dns-needs-vpc-dns');
    assert.equal(result0?.level, 'error');
    assert.deepEqual(result0?.locations[0]?.physicalLocation.artifactLocation.uri, 'examples/endpoint-mistakes.yaml');
    assert.deepEqual(result0?.locations[0]?.physicalLocation.region.startLine, 7);
    assert.deepEqual(result0?.locations[0]?.physicalLocation.region.startColumn, 5);
  });

  it('changes and turns off rules with --severity', () => {
    const report = JSON.parse(runCli(['check', 'examples/endpoint-mistakes.yaml', '--format', 'json', '--severity', 'endpoint-uses-default-sg=error', '--severity', 'private-dns-needs-vpc-dns=off']).stdout) as FindingsReport;
    assert.ok(!report.findings.some((finding) => finding.rule === 'private-dns-needs-vpc-dns'));
    assert.equal(report.findings.find((finding) => finding.rule === 'endpoint-uses-default-sg')?.severity, 'error');
  });

  it('skips binary files and files that are not UTF-8 with a note', () => {
    const directory = workspace({ 'binary.yaml': Buffer.from([0x41, 0x00, 0x42]), 'latin1.yaml': Buffer.from([0x41, 0x3a, 0x20, 0xe9, 0x0a]), 'ok.yaml': CLEAN });
    const result = runCli(['check', directory]);
    assert.equal(result.status, 0);
    assert.match(result.stderr, /skipped .*binary\.yaml: it is a binary file/);
    assert.match(result.stderr, /skipped .*latin1\.yaml: it is not valid UTF-8/);
  });

  it('checks a template on stdin given as "-", under the name --stdin-filename gives it', () => {
    const story = readFileSync('examples/session-manager.yaml', 'utf8');
    const plain = runCli(['check', '-'], { input: story });
    assert.equal(plain.status, 1, plain.stderr);
    assert.match(plain.stdout, /^<stdin>:\d+:\d+ error endpoint-sg-blocks-vpc-clients /m);
    const named = runCli(['check', '-', '--stdin-filename', 'stacks/network.yaml', '--format', 'json'], { input: story });
    const report = JSON.parse(named.stdout) as FindingsReport;
    assert.deepEqual(report.files, [{ file: 'stacks/network.yaml', template: true }]);
    assert.ok(report.findings.length > 0 && report.findings.every((finding) => finding.file === 'stacks/network.yaml'));
    // With files: stdin is one more template of the same workspace.
    const both = runCli(['check', 'examples/session-manager-fixed.yaml', '-', '--exit-zero'], { input: CLEAN });
    assert.equal(both.status, 0, both.stderr);
    assert.match(both.stdout, /2 templates checked\.$/m);
    assert.equal(runCli(['check', '-'], { input: CLEAN }).status, 0);
  });

  const usage: readonly [string, readonly string[], RegExp][] = [
    ['--fix with stdin', ['check', '-', '--fix'], /--fix cannot write back to standard input/],
    ['stdin given twice', ['check', '-', '-'], /"-" \(standard input\) may be given once/],
    ['--stdin-filename without "-"', ['check', '--stdin-filename', 'a.yaml'], /give "-" as a path too/],
    ['a missing path', ['check', 'does/not/exist.yaml'], /^cfn-network-lens: cannot read does\/not\/exist\.yaml/],
    ['an unknown format', ['check', '--format', 'xml'], /unknown format "xml"/],
    ['an unknown option', ['check', '--nope'], /^cfn-network-lens: /],
    ['a bad severity', ['check', '--severity', 'x'], /--severity expects/],
    ['an unknown command', ['frobnicate'], /unknown command "frobnicate"/],
    ['lsp without --stdio', ['lsp'], /--stdio/],
  ];
  for (const [name, args, message] of usage) {
    it(`exits 2 with a one-line message for ${name}`, () => {
      const result = runCli(args);
      assert.equal(result.status, 2);
      assert.match(result.stderr, message);
      assert.equal(result.stderr.trim().split('\n').length, 1, 'one line, no stack trace');
    });
  }

  it('fixes with --fix, says which fix changed which file once, and has nothing to fix the second time', () => {
    const directory = workspace({ 'stack.yaml': readFileSync('examples/session-manager.yaml', 'utf8') });
    const first = runCli(['check', '--fix', 'stack.yaml'], { cwd: directory });
    assert.equal(first.status, 0, first.stderr);
    assert.ok(first.stdout.startsWith('Fixed stack.yaml:\n  - Admit HTTPS from the whole VPC "Vpc" in "EndpointSecurityGroup"\nstack.yaml:'), first.stdout);
    assert.ok(!first.stdout.includes('endpoint-sg-blocks-vpc-clients'), first.stdout);
    assert.match(readFileSync(join(directory, 'stack.yaml'), 'utf8'), /CidrIp: !GetAtt Vpc\.CidrBlock/);
    const second = runCli(['check', '--fix', 'stack.yaml'], { cwd: directory });
    assert.ok(second.stdout.startsWith('Nothing to fix.\n'), second.stdout);
  });

  it('refuses binary data on stdin with a one-line message', () => {
    const result = runCli(['check', '-'], { input: Buffer.from([0x41, 0x00, 0x42]) });
    assert.equal(result.status, 2);
    assert.equal(result.stderr, 'cfn-network-lens: cannot check standard input: it is a binary file\n');
  });

  it('prints its version and help', () => {
    assert.match(runCli(['--version']).stdout, /^\d+\.\d+\.\d+\n$/);
    const help = runCli(['--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /Usage:/);
  });
});
