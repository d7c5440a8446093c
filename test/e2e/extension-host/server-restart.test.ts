/**
 * When the language server dies, the client starts it again and the editor keeps its diagnostics
 * coming: the test kills the server process the extension started, edits the template, and waits
 * for diagnostics that could only come from a new server (they follow the edit). The user is told
 * once (`client/src/restarts.ts`); notifications are not visible to extension-host tests, so the
 * message itself is checked by the UI suite's screenshots only when it appears.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import { EXTENSION_ID, ruleOf, waitForDiagnostics, workspaceFile } from './helpers';

/** Process ids of language servers started from the installed extension. */
function serverProcesses(extensionPath: string): number[] {
  const listing = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return listing
    .split('\n')
    .filter((line) => line.includes(extensionPath) && line.includes('server.js'))
    .map((line) => Number.parseInt(line.trim(), 10))
    .filter((pid) => Number.isInteger(pid) && pid !== process.pid);
}

describe('language server restarts', () => {
  it('restarts the server after it dies and keeps publishing diagnostics', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension?.isActive, 'the extension is active');
    const template = workspaceFile('endpoint-mistakes.yaml');
    const document = await vscode.workspace.openTextDocument(template);
    const editor = await vscode.window.showTextDocument(document);
    const before = await waitForDiagnostics(template, 'diagnostics before the crash', (found) => found.some((diagnostic) => ruleOf(diagnostic) === 'endpoint-type-property-mismatch'));
    const mismatchLine = before.find((diagnostic) => ruleOf(diagnostic) === 'endpoint-type-property-mismatch')?.range.start.line ?? -1;

    const servers = serverProcesses(extension.extensionPath);
    assert.ok(servers.length > 0, 'the language server process is found');
    for (const pid of servers) process.kill(pid, 'SIGKILL');

    // An edit after the crash: only a restarted server can publish diagnostics that follow it.
    await editor.edit((builder) => builder.insert(new vscode.Position(0, 0), '# edited after the server died\n'));
    const after = await waitForDiagnostics(template, 'diagnostics from the restarted server', (found) => found.some((diagnostic) => ruleOf(diagnostic) === 'endpoint-type-property-mismatch' && diagnostic.range.start.line === mismatchLine + 1));
    assert.ok(after.length > 0);
    const restarted = serverProcesses(extension.extensionPath);
    assert.ok(restarted.length > 0 && restarted.every((pid) => !servers.includes(pid)), `a new server process runs: ${JSON.stringify({ servers, restarted })}`);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
