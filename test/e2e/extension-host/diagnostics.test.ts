/**
 * Inside VS Code (code-server), with the extension installed from the `.vsix`: the diagnostics on
 * `examples/endpoint-mistakes.yaml` are exactly the CLI's findings (rule, severity, range, message),
 * the key finding is where and what it should be, a GitHub workflow gets none, the
 * `cfnNetworkLens.exclude` setting reaches the server, and `yaml.customTags` gets its default.
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as vscode from 'vscode';
import { EXTENSION_ID, lineOf, ourDiagnostics, ruleOf, waitForDiagnostics, workspaceFile } from './helpers';

const run = promisify(execFile);

interface CliFinding {
  rule: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

const SEVERITY_NAMES = new Map<vscode.DiagnosticSeverity, string>([
  [vscode.DiagnosticSeverity.Error, 'error'],
  [vscode.DiagnosticSeverity.Warning, 'warning'],
  [vscode.DiagnosticSeverity.Information, 'info'],
  [vscode.DiagnosticSeverity.Hint, 'hint'],
]);

/** One line per finding, sorted, so that a difference shows as a readable diff. */
function describeFinding(rule: string, severity: string, start: { line: number; character: number }, end: { line: number; character: number }, message: string): string {
  return `${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1} ${severity} ${rule}: ${message}`;
}

describe('diagnostics in VS Code', () => {
  const template = workspaceFile('endpoint-mistakes.yaml');
  const workflow = workspaceFile('.github', 'workflows', 'ci.yml');
  const urisWithOurDiagnostics = new Set<string>();
  let subscription: vscode.Disposable | undefined;
  let document: vscode.TextDocument;
  let diagnostics: vscode.Diagnostic[];

  before(async () => {
    subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      for (const uri of event.uris) if (ourDiagnostics(uri).length > 0) urisWithOurDiagnostics.add(uri.toString());
    });
    // The workflow is opened first: every analysis that covers the template then covers the workflow too,
    // so once the template's diagnostics are in, the workflow has had its chance to get some.
    await vscode.workspace.openTextDocument(workflow);
    document = await vscode.workspace.openTextDocument(template);
    await vscode.window.showTextDocument(document);
    diagnostics = await waitForDiagnostics(template, 'the first diagnostics', (found) => found.length > 0);
  });

  after(() => subscription?.dispose());

  it('runs the extension installed from the .vsix', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    assert.ok(extension.isActive, 'opening a YAML file activated it');
    // The runner points the extension host at the folder `code-server --install-extension` unpacked the .vsix into.
    assert.match(extension.extensionPath, /[/\\]cfn-network-lens\.cfn-network-lens-\d+\.\d+\.\d+$/);
  });

  it('shows exactly the findings of the CLI, with the same rules, severities, ranges and messages', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    const cli = join(extension.extensionPath, 'dist', 'cli.js');
    const { stdout } = await run(process.execPath, [cli, 'check', '--format', 'json', '--exit-zero', template.fsPath], {
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      timeout: 30_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    const findings = (JSON.parse(stdout) as { findings: CliFinding[] }).findings;
    const expected = findings.map((finding) => describeFinding(finding.rule, finding.severity, finding.range.start, finding.range.end, finding.message)).sort();
    const actual = diagnostics.map((diagnostic) => describeFinding(ruleOf(diagnostic), SEVERITY_NAMES.get(diagnostic.severity) ?? 'unknown', diagnostic.range.start, diagnostic.range.end, diagnostic.message)).sort();
    assert.ok(expected.length > 0, 'the CLI finds problems in endpoint-mistakes.yaml');
    assert.deepEqual(actual, expected);
  });

  it('reports the endpoint with private DNS but no subnets as an error on its logical id', () => {
    const found = diagnostics.filter((diagnostic) => ruleOf(diagnostic) === 'endpoint-private-dns-without-subnets');
    assert.equal(found.length, 1, 'one endpoint-private-dns-without-subnets diagnostic');
    const [diagnostic] = found;
    assert.ok(diagnostic);
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(diagnostic.range.start.line, lineOf(document, 'LogsEndpoint:'));
    assert.match(diagnostic.message, /"LogsEndpoint" has private DNS on but no subnets/);
    const code = diagnostic.code;
    assert.ok(typeof code === 'object' && code.target.toString().includes('endpoint-private-dns-without-subnets'), 'the code links to the rule page');
  });

  it('reports the endpoint on the default security group as a warning', () => {
    const found = diagnostics.filter((diagnostic) => ruleOf(diagnostic) === 'endpoint-uses-default-sg');
    assert.equal(found.length, 1);
    assert.equal(found[0]?.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(found[0]?.range.start.line, lineOf(document, 'StsEndpoint:'));
  });

  it('gives a GitHub workflow no diagnostics', () => {
    assert.ok(vscode.workspace.textDocuments.some((open) => open.uri.toString() === workflow.toString()), 'the workflow is open');
    assert.deepEqual(ourDiagnostics(workflow), []);
    assert.ok(!urisWithOurDiagnostics.has(workflow.toString()), 'the workflow never had diagnostics of ours');
  });

  it('clears and restores the diagnostics when cfnNetworkLens.exclude changes', async () => {
    const configuration = vscode.workspace.getConfiguration('cfnNetworkLens', template);
    try {
      await configuration.update('exclude', ['endpoint-mistakes.yaml'], vscode.ConfigurationTarget.Workspace);
      await waitForDiagnostics(template, 'the diagnostics to be cleared', (found) => found.length === 0);
    } finally {
      await configuration.update('exclude', undefined, vscode.ConfigurationTarget.Workspace);
    }
    const restored = await waitForDiagnostics(template, 'the diagnostics to come back', (found) => found.length > 0);
    assert.equal(restored.length, diagnostics.length);
  });

  it('gives the YAML extension the CloudFormation tags as the default of yaml.customTags', () => {
    const customTags = vscode.workspace.getConfiguration('yaml').inspect<string[]>('customTags');
    assert.ok(Array.isArray(customTags?.defaultValue), `yaml.customTags has a default: ${JSON.stringify(customTags)}`);
    for (const tag of ['!Ref scalar', '!GetAtt scalar', '!Sub scalar', '!Select sequence', '!GetAZs scalar']) assert.ok(customTags.defaultValue.includes(tag), tag);
  });
});
