/**
 * Inside VS Code with the extension installed from the `.vsix`, on the story's template
 * (`session-manager.yaml`): the hover of the Session Manager endpoint has the subnet table, the code
 * lens above it sums up who private DNS sends there and carries the command the extension
 * registers, and the command opens without failing.
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { lineOf, waitForDiagnostics, workspaceFile } from './helpers';

describe('hovers and code lenses in VS Code', () => {
  const template = workspaceFile('session-manager.yaml');
  let document: vscode.TextDocument;

  before(async () => {
    document = await vscode.workspace.openTextDocument(template);
    await vscode.window.showTextDocument(document);
    await waitForDiagnostics(template, 'the story diagnostics', (found) => found.length > 0);
  });

  it('hovers the endpoint with the table of every subnet of the VPC', async () => {
    const line = lineOf(document, 'SsmEndpoint:');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', template, new vscode.Position(line, 4));
    const markdown = hovers
      .flatMap((hover) => hover.contents)
      .map((content) => (typeof content === 'string' ? content : 'value' in content ? content.value : ''))
      .join('\n');
    assert.match(markdown, /Private DNS is VPC-wide/);
    assert.match(markdown, /\| `PublicSubnet` \| 1st AZ \| 172\.30\.0\.0\/24 \| — \| IGW \| ✗ `PublicInstance` \|/);
    assert.match(markdown, /\| `ClosedSubnet` \| 1st AZ \| 172\.30\.4\.0\/24 \| yes \| closed \| ✓ `ClosedInstance` \|/);
  });

  it('puts the private DNS lens above the endpoint with the reveal command', async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', template);
    const line = lineOf(document, 'SsmEndpoint:');
    const lens = lenses.find((candidate) => candidate.range.start.line === line);
    assert.ok(lens?.command, `a lens on line ${line + 1}: ${JSON.stringify(lenses.map((candidate) => [candidate.range.start.line, candidate.command?.title]))}`);
    assert.equal(lens.command.title, 'Private DNS: all 4 subnets of Vpc · 2 workloads · 1 workload and 1 subnet blocked');
    assert.equal(lens.command.command, 'cfnNetworkLens.revealBlockedClients');
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('cfnNetworkLens.revealBlockedClients'), 'the extension registers the command');
    await vscode.commands.executeCommand(lens.command.command, ...(lens.command.arguments ?? []));
  });
});
