/**
 * The language server gives exactly the engine's findings: every rule fixture, opened in the
 * bundled server one at a time, gets the diagnostics that `analyze` computes for it in process.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { analyzeText } from '../../server/src/ide/analysis';
import { collectFiles } from '../../server/src/cli/files';
import { startServer } from '../harness/lsp-client';

describe('rule fixtures through the language server', () => {
  it('publishes the engine findings for each fixture', async () => {
    const client = await startServer();
    try {
      const files = collectFiles(['test/fixtures/rules']);
      for (const [index, file] of files.entries()) {
        const uri = pathToFileURL(file).href;
        const text = readFileSync(file, 'utf8');
        const version = index + 1;
        await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: file.endsWith('.json') ? 'json' : 'yaml', version, text } });
        const published = await client.waitForDiagnostics((params) => params.uri === uri && params.version === version);
        const analysis = analyzeText(uri, text);
        const lines = analysis.files.get(uri)?.lines;
        const expected = analysis.findings.map((finding) => `${finding.rule} ${JSON.stringify(lines?.rangeAt(finding.range))} ${finding.message}`);
        const actual = published.diagnostics.map((diagnostic) => `${String(diagnostic.code)} ${JSON.stringify(diagnostic.range)} ${diagnostic.message}`);
        assert.deepEqual(actual, expected, file);
        await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
      }
      assert.equal(await client.stop(), 0);
    } finally {
      if (client.process.exitCode === null) client.process.kill('SIGKILL');
    }
  });
});
