/**
 * Inside VS Code with the extension installed from the `.vsix`: "Show network impact of changes" on
 * an unsaved edit of the story's template (the workspace copy is not a git repository, so the base
 * is the saved file). The edit is the fix, admitting HTTPS from the whole VPC: the report says who
 * gets Session Manager back and that the findings go, and the summary lens sits on the first line.
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { waitForDiagnostics, workspaceFile } from './helpers';

/** The story's ingress rules for the closed subnets only, and the fix's rule for the whole VPC. */
const CLOSED_ONLY = 'CidrIp: 172.30.4.0/24\n        - IpProtocol: tcp\n          FromPort: 443\n          ToPort: 443\n          CidrIp: 172.30.5.0/24';
const WHOLE_VPC = 'CidrIp: !GetAtt Vpc.CidrBlock';

interface ImpactResult {
  readonly title: string;
  readonly markdown: string;
  readonly networkImpact: boolean;
  readonly clientsBlocked: number;
}

describe('network impact of changes in VS Code', () => {
  const template = workspaceFile('session-manager.yaml');
  let document: vscode.TextDocument;

  before(async () => {
    document = await vscode.workspace.openTextDocument(template);
    await vscode.window.showTextDocument(document);
    await waitForDiagnostics(template, 'the story diagnostics', (found) => found.some((diagnostic) => String(typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code) === 'endpoint-sg-blocks-vpc-clients'));
  });

  after(async () => {
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('reports the unsaved fix against the saved file and sums it up in a lens on the first line', async () => {
    const text = document.getText();
    const at = text.indexOf(CLOSED_ONLY);
    assert.ok(at >= 0, 'the story template has the closed-subnet ingress rules');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(template, new vscode.Range(document.positionAt(at), document.positionAt(at + CLOSED_ONLY.length)), WHOLE_VPC);
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitForDiagnostics(template, 'the findings of the fixed template', (found) => !found.some((diagnostic) => String(typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code) === 'endpoint-sg-blocks-vpc-clients'));

    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('cfnNetworkLens.showImpact'), 'the extension registers the command');
    const result = await vscode.commands.executeCommand<ImpactResult>('cfnNetworkLens.showImpact');
    assert.ok(result, 'the command answers the report');
    assert.equal(result.title, 'Network impact of changes to session-manager.yaml');
    assert.equal(result.clientsBlocked, 0);
    assert.match(result.markdown, /^# Network impact of changes to session-manager\.yaml\n\nCompared with the saved file\.\n\n\*\*1 workload and 1 subnet admitted · -\d+ findings\*\*\n/);
    assert.ok(result.markdown.includes('"PublicInstance" (subnet "PublicSubnet") now reaches ssm.\\<region\\>.amazonaws.com through "SsmEndpoint" (before, "EndpointSecurityGroup" did not admit TCP 443 from it).'), result.markdown);
    assert.ok(result.markdown.includes('```text\nSecurity Group Changes\n'), `the template diff is in the report:\n${result.markdown}`);

    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', template);
    const lens = lenses.find((candidate) => candidate.command?.command === 'cfnNetworkLens.showImpact');
    assert.ok(lens?.command, `an impact lens: ${JSON.stringify(lenses.map((candidate) => [candidate.range.start.line, candidate.command?.title]))}`);
    assert.equal(lens.range.start.line, 0);
    assert.match(lens.command.title, /^1 workload and 1 subnet admitted · -\d+ findings$/);
  });
});
