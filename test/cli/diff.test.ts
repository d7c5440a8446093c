/**
 * `cfn-network-lens diff` through the bundled CLI (`dist/cli.js`): the before/after fixtures in
 * `test/fixtures/impact/<case>/` against their text and JSON goldens (the story of the Session
 * Manager endpoints, its fix, and a change with no network impact), exit codes, two folders as
 * workspaces, and `--base` against a git repository made in a temporary folder. Running the bundle
 * also proves that `@aws-cdk/cloudformation-diff` finds its resource specification from `dist/`.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectGolden } from '../harness/golden';
import { FIXTURES } from '../harness/paths';
import { runCli } from '../harness/run-cli';
import type { DiffReport } from '../../server/src/ide/impact-report';

const CASES = join(FIXTURES, 'impact');
const STORY = join(CASES, 'add-session-manager-endpoints');
const FIX = join(CASES, 'fix-endpoint-security-group');
const UNRELATED = join(CASES, 'tag-and-bucket-policy');

/** The tool's version changes with every release; the goldens should not. */
function stableJson(stdout: string): string {
  const report = JSON.parse(stdout) as DiffReport;
  return `${JSON.stringify({ ...report, tool: { ...report.tool, version: '<version>' } }, null, 2)}\n`;
}

function diffCase(folder: string, extra: readonly string[] = []): ReturnType<typeof runCli> {
  return runCli(['diff', 'before.yaml', 'after.yaml', ...extra], { cwd: folder });
}

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'cfn-network-lens-diff-'));
}

describe('cli diff', () => {
  for (const name of readdirSync(CASES).sort()) {
    it(`gives the expected text and JSON reports for ${name}`, () => {
      const folder = join(CASES, name);
      const text = diffCase(folder);
      assert.equal(text.status, 0, text.stderr);
      assert.equal(text.stderr, '', 'nothing on stderr: the template diff worked from dist/');
      expectGolden(join(folder, 'expected.txt'), text.stdout);
      const json = diffCase(folder, ['--format', 'json']);
      assert.equal(json.status, 0, json.stderr);
      expectGolden(join(folder, 'expected.json'), stableJson(json.stdout));
    });
  }

  it('tells the story: private DNS in all four subnets, and PublicInstance loses Session Manager', () => {
    const result = diffCase(STORY);
    assert.ok(result.stdout.includes('ssm.<region>.amazonaws.com now resolves to "SsmEndpoint" in all 4 subnets of "Vpc" (it resolved publicly before).'), result.stdout);
    assert.ok(result.stdout.includes('"PublicInstance" (subnet "PublicSubnet") loses ssm.<region>.amazonaws.com: "EndpointSecurityGroup" does not admit TCP 443 from it.'), result.stdout);
    assert.ok(result.stdout.includes('"ClosedInstance" (subnet "ClosedSubnet") now reaches ssm.<region>.amazonaws.com through "SsmEndpoint"'), result.stdout);
    assert.match(result.stdout, /\nSummary: \+3 endpoints · private DNS now in 4 subnets · 1 workload and 1 subnet blocked · 1 workload and 1 subnet admitted · \+\d+ findings/);
    const report = JSON.parse(diffCase(STORY, ['--format', 'json']).stdout) as DiffReport;
    assert.equal(report.version, 1);
    assert.deepEqual(
      report.impact.clients.filter((change) => change.kind === 'blocked' && change.endpoint.logicalId === 'SsmEndpoint').map((change) => [change.client.logicalId, change.after.blocked?.hop]),
      [
        ['PublicInstance', 'endpoint-ingress'],
        ['PublicSubnet2', 'endpoint-ingress'],
      ],
    );
    assert.ok(!('error' in report.templateDiff), 'the template diff is computed');
    if (!('error' in report.templateDiff)) {
      const resources = report.templateDiff.files[0]?.resources ?? [];
      assert.deepEqual(
        resources.map((resource) => [resource.logicalId, resource.change, resource.impact]),
        [
          ['EndpointSecurityGroup', 'added', 'WILL_CREATE'],
          ['SsmEndpoint', 'added', 'WILL_CREATE'],
          ['SsmMessagesEndpoint', 'added', 'WILL_CREATE'],
          ['Ec2MessagesEndpoint', 'added', 'WILL_CREATE'],
        ],
      );
      assert.deepEqual(report.templateDiff.files[0]?.securityGroupChanges.map((row) => `${row.change} ${row.direction} ${row.protocol} ${row.peer}`), ['+ In TCP 443 172.30.4.0/24', '+ In TCP 443 172.30.5.0/24']);
    }
  });

  it('reports no network impact for a tag and a bucket policy, but shows the template diff with its IAM table', () => {
    const result = diffCase(UNRELATED);
    assert.ok(result.stdout.includes('No network impact: no DNS name, client path or finding changes.'), result.stdout);
    assert.ok(result.stdout.includes('Summary: 3 resources changed · no network impact'), result.stdout);
    const report = JSON.parse(diffCase(UNRELATED, ['--format', 'json']).stdout) as DiffReport;
    assert.equal(report.impact.summary.networkImpact, false);
    assert.deepEqual([report.impact.dns, report.impact.clients, report.impact.findings], [[], [], []]);
    if ('error' in report.templateDiff) assert.fail(report.templateDiff.error);
    assert.deepEqual(report.templateDiff.files[0]?.iamStatementChanges.map((row) => [row.change, row.effect, row.action, row.principal]), [['+', 'Deny', 's3:*', '*']]);
  });

  it('exits 1 with --fail-on-impact only when the change blocks a client', () => {
    assert.equal(diffCase(STORY, ['--fail-on-impact']).status, 1);
    assert.equal(diffCase(FIX, ['--fail-on-impact']).status, 0, 'the fix only admits clients');
    assert.equal(diffCase(UNRELATED, ['--fail-on-impact']).status, 0);
    assert.equal(diffCase(STORY).status, 0, 'without the flag a diff is a report, not a verdict');
  });

  it('colours nothing unless asked, and colours with FORCE_COLOR unless NO_COLOR is set', () => {
    assert.ok(!diffCase(STORY).stdout.includes('\u001b['));
    const forced = runCli(['diff', 'before.yaml', 'after.yaml'], { cwd: STORY, env: { NO_COLOR: '', FORCE_COLOR: '1' } });
    assert.ok(forced.stdout.includes('\u001b['), 'FORCE_COLOR turns colours on');
    const both = runCli(['diff', 'before.yaml', 'after.yaml'], { cwd: STORY, env: { NO_COLOR: '1', FORCE_COLOR: '1' } });
    assert.ok(!both.stdout.includes('\u001b['), 'NO_COLOR wins');
  });

  it('refuses bad usage with exit code 2 and one line', () => {
    const cases: [readonly string[], RegExp][] = [
      [['diff'], /diff needs two files or two folders/],
      [['diff', 'before.yaml'], /diff needs two files or two folders/],
      [['diff', 'before.yaml', 'after.yaml', '--format', 'sarif'], /unknown format "sarif"/],
      [['diff', 'before.yaml', '.'], /compare a file with a file or a folder with a folder/],
      [['diff', 'before.yaml', 'missing.yaml'], /cannot read missing\.yaml/],
      [['diff', '--base', '--fail-on-impact'], /--base/],
    ];
    for (const [args, message] of cases) {
      const result = runCli(args, { cwd: STORY });
      assert.equal(result.status, 2, `${args.join(' ')}: ${result.stdout}`);
      assert.match(result.stderr, message);
      assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
    }
  });

  it('compares two folders as workspaces, file by file', () => {
    const root = scratch();
    try {
      for (const [path, content] of [
        ['old/network.yaml', readFileSync(join(STORY, 'before.yaml'), 'utf8')],
        ['old/gone.yaml', readFileSync(join(UNRELATED, 'before.yaml'), 'utf8')],
        ['new/network.yaml', readFileSync(join(STORY, 'after.yaml'), 'utf8')],
        ['new/nested/new.yaml', 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Queue:\n    Type: AWS::SQS::Queue\n'],
      ] as const) {
        mkdirSync(join(root, path, '..'), { recursive: true });
        writeFileSync(join(root, path), content);
      }
      const result = runCli(['diff', 'old', 'new', '--format', 'json'], { cwd: root });
      assert.equal(result.status, 0, result.stderr);
      const report = JSON.parse(result.stdout) as DiffReport;
      assert.deepEqual(
        report.files.map((file) => [file.file, file.status, file.before ?? null, file.after ?? null]),
        [
          ['gone.yaml', 'removed', 'old/gone.yaml', null],
          ['nested/new.yaml', 'added', null, 'new/nested/new.yaml'],
          ['network.yaml', 'modified', 'old/network.yaml', 'new/network.yaml'],
        ],
      );
      assert.equal(report.impact.summary.clientsBlocked, 2);
      // The removed template's VPC is gone with it: its names resolve publicly, nobody is left to lose them.
      assert.ok(report.impact.findings.some((finding) => finding.change === 'appeared' && finding.file === 'new/network.yaml'));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  describe('--base against a git repository', () => {
    let repo: string;
    /** A git that reads no configuration of this machine, so that the test runs the same on a clean CI machine. */
    const env: NodeJS.ProcessEnv = {
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_AUTHOR_NAME: 'Test Author',
      GIT_AUTHOR_EMAIL: 'author@example.com',
      GIT_COMMITTER_NAME: 'Test Committer',
      GIT_COMMITTER_EMAIL: 'committer@example.com',
    };
    const git = (...args: string[]) => execFileSync('git', ['-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], { cwd: repo, env: { ...process.env, ...env }, stdio: 'pipe' });

    before(() => {
      repo = scratch();
      mkdirSync(join(repo, 'network'));
      writeFileSync(join(repo, 'network', 'vpc.yaml'), readFileSync(join(STORY, 'before.yaml'), 'utf8'));
      writeFileSync(join(repo, 'retired.yaml'), readFileSync(join(UNRELATED, 'before.yaml'), 'utf8'));
      writeFileSync(join(repo, 'README.md'), 'not a template\n');
      git('init', '--quiet');
      git('add', '.');
      git('commit', '--quiet', '-m', 'the VPC before the endpoints');
      // The change: endpoints added, a template deleted, a new one not yet in git.
      writeFileSync(join(repo, 'network', 'vpc.yaml'), readFileSync(join(STORY, 'after.yaml'), 'utf8'));
      unlinkSync(join(repo, 'retired.yaml'));
      writeFileSync(join(repo, 'network', 'queue.yaml'), 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Queue:\n    Type: AWS::SQS::Queue\n');
    });

    after(() => {
      rmSync(repo, { recursive: true, force: true });
    });

    it('compares the working tree with HEAD: modified, removed and added files', () => {
      const result = runCli(['diff', '--base', 'HEAD', '--format', 'json'], { cwd: repo, env });
      assert.equal(result.status, 0, result.stderr);
      const report = JSON.parse(result.stdout) as DiffReport;
      assert.deepEqual([report.base.label, report.head.label], ['HEAD', 'the working tree']);
      assert.deepEqual(
        report.files.map((file) => [file.file, file.status]),
        [
          ['network/queue.yaml', 'added'],
          ['network/vpc.yaml', 'modified'],
          ['retired.yaml', 'removed'],
        ],
      );
      assert.equal(report.impact.summary.privateDnsSubnetsGained, 4);
      assert.ok(!('error' in report.templateDiff));
      const text = runCli(['diff', '--base', 'HEAD', '--fail-on-impact'], { cwd: repo, env });
      assert.equal(text.status, 1, 'the change blocks PublicInstance');
      assert.ok(text.stdout.includes('"PublicInstance" (subnet "PublicSubnet") loses ssm.<region>.amazonaws.com: "EndpointSecurityGroup" does not admit TCP 443 from it.'), text.stdout);
    });

    it('limits the comparison to the paths given, also from a subfolder', () => {
      const only = JSON.parse(runCli(['diff', '--base', 'HEAD', 'network/vpc.yaml', '--format', 'json'], { cwd: repo, env }).stdout) as DiffReport;
      assert.deepEqual(only.files.map((file) => [file.file, file.status]), [['network/vpc.yaml', 'modified']]);
      const inside = runCli(['diff', '--base', 'HEAD', '--format', 'json'], { cwd: join(repo, 'network'), env });
      assert.equal(inside.status, 0, inside.stderr);
      assert.deepEqual(
        (JSON.parse(inside.stdout) as DiffReport).files.map((file) => [file.file, file.status]),
        [
          ['queue.yaml', 'added'],
          ['vpc.yaml', 'modified'],
        ],
      );
      const gone = JSON.parse(runCli(['diff', '--base', 'HEAD', 'retired.yaml', '--format', 'json'], { cwd: repo, env }).stdout) as DiffReport;
      assert.deepEqual(gone.files.map((file) => [file.file, file.status]), [['retired.yaml', 'removed']]);
    });

    it('refuses an unknown revision, a path that never existed and a folder outside git', () => {
      const unknown = runCli(['diff', '--base', 'no-such-branch'], { cwd: repo, env });
      assert.equal(unknown.status, 2);
      assert.match(unknown.stderr, /unknown git revision "no-such-branch"/);
      const missing = runCli(['diff', '--base', 'HEAD', 'nowhere.yaml'], { cwd: repo, env });
      assert.equal(missing.status, 2);
      assert.match(missing.stderr, /cannot read nowhere\.yaml: no such file or directory, now or at HEAD/);
      const outside = scratch();
      try {
        const result = runCli(['diff', '--base', 'HEAD'], { cwd: outside, env: { ...env, GIT_CEILING_DIRECTORIES: outside } });
        assert.equal(result.status, 2);
        assert.match(result.stderr, /is not in a git repository/);
      } finally {
        rmSync(outside, { recursive: true, force: true });
      }
    });
  });
});
