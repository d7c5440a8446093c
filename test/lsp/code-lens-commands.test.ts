/**
 * Code lenses offer only actions the client can run: a client that names its commands in
 * `initializationOptions.clientCommands` (the VS Code extension) gets the diagram lens; one that
 * names none (Neovim, Helix) gets only the private DNS lens, whose title informs on its own.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeLens } from 'vscode-languageserver-protocol';
import { REVEAL_BLOCKED_CLIENTS_COMMAND, SHOW_DIAGRAM_COMMAND } from '../../server/src/lsp/protocol';
import { ROOT, startServer } from '../harness/lsp-client';

const STORY = join(ROOT, 'examples', 'session-manager.yaml');
const URI = pathToFileURL(STORY).href;

async function lensesFor(initializationOptions?: unknown): Promise<CodeLens[]> {
  const client = await startServer(initializationOptions);
  try {
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'yaml', version: 1, text: readFileSync(STORY, 'utf8') } });
    await client.waitForDiagnostics((params) => params.uri === URI && params.version === 1);
    const lenses: CodeLens[] = await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: URI } });
    assert.equal(await client.stop(), 0);
    return lenses;
  } finally {
    if (client.process.exitCode === null) client.process.kill('SIGKILL');
  }
}

describe('code lens commands', () => {
  it('adds the diagram lens for a client that implements the diagram command', async () => {
    const lenses = await lensesFor({ clientCommands: [REVEAL_BLOCKED_CLIENTS_COMMAND, SHOW_DIAGRAM_COMMAND] });
    const diagram = lenses.filter((lens) => lens.command?.command === SHOW_DIAGRAM_COMMAND);
    assert.equal(diagram.length, 3);
    assert.deepEqual(diagram[0]?.command?.arguments, [{ uri: URI, logicalId: 'SsmEndpoint' }]);
    assert.equal(lenses.filter((lens) => lens.command?.command === REVEAL_BLOCKED_CLIENTS_COMMAND).length, 3);
  });

  it('offers only the private DNS lens to a client that names no commands', async () => {
    const lenses = await lensesFor();
    assert.deepEqual([...new Set(lenses.map((lens) => lens.command?.command))], [REVEAL_BLOCKED_CLIENTS_COMMAND]);
  });
});
