/**
 * The story across stacks: a network stack (VPC, subnets, exports named after the stack), an
 * endpoints stack (Session Manager endpoints with private DNS, importing the VPC and a comma-joined
 * list of subnets) and an application stack (instances in the imported subnets, and an SSM endpoint
 * of its own) give the same findings as the same resources in one template: the same rules and
 * messages, with related locations in the file that declares each resource. Checked through the
 * bundled CLI and through the language server over stdio, in both diagnostics scopes.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import type { FindingsReport } from '../../server/src/ide/report';
import { FIXTURES } from '../harness/paths';
import { runCli } from '../harness/run-cli';
import { startWorkspaceServer, type WorkspaceClient } from './lsp-workspace-client';

const FIXTURE = join(FIXTURES, 'workspace', 'three-stacks');
const STACKS = join(FIXTURE, 'stacks');
const COMBINED = join(FIXTURE, 'combined', 'all-in-one.yaml');
const STACK_FILES = readdirSync(STACKS).filter((name) => name.endsWith('.yaml')).sort();

/** A finding without its file: rule, severity, message and the messages of its related locations. */
interface Comparable {
  readonly rule: string;
  readonly severity: string;
  readonly message: string;
  readonly related: readonly string[];
}

/** The stack file that declares each logical id. */
const declaredIn = new Map<string, string>();
for (const name of STACK_FILES) {
  for (const match of readFileSync(join(STACKS, name), 'utf8').matchAll(/^ {2}([A-Za-z0-9]+):\s*$/gm)) declaredIn.set(match[1] ?? '', name);
}

function sorted(findings: Comparable[]): Comparable[] {
  return findings.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

function fromReport(report: FindingsReport): Comparable[] {
  return sorted(report.findings.map((finding) => ({ rule: finding.rule, severity: finding.severity, message: finding.message, related: finding.related.map((related) => related.message) })));
}

const SEVERITY = ['', 'error', 'warning', 'info', 'info'];

function fromDiagnostics(diagnostics: readonly Diagnostic[]): Comparable[] {
  return sorted(diagnostics.map((diagnostic) => ({ rule: String(diagnostic.code), severity: SEVERITY[diagnostic.severity ?? 1] ?? '', message: diagnostic.message, related: (diagnostic.relatedInformation ?? []).map((related) => related.message) })));
}

describe('three stacks and one template', function () {
  this.timeout(60_000);
  let stacks: FindingsReport;
  let combined: FindingsReport;

  before(() => {
    const run = (path: string): FindingsReport => {
      const result = runCli(['check', path, '--format', 'json', '--exit-zero']);
      assert.equal(result.status, 0, result.stderr);
      return JSON.parse(result.stdout) as FindingsReport;
    };
    stacks = run(STACKS);
    combined = run(COMBINED);
  });

  describe('through the CLI', () => {
    it('gives the same findings for the stacks as for the one template', () => {
      assert.deepEqual(fromReport(stacks), fromReport(combined));
      assert.equal(stacks.files.length, 3);
    });

    it('reports the story rules across the files', () => {
      const rules = new Set(stacks.findings.map((finding) => finding.rule));
      for (const rule of ['private-dns-needs-vpc-dns', 'endpoint-private-dns-conflict', 'endpoint-sg-blocks-vpc-clients']) assert.ok(rules.has(rule), `${rule} is reported`);
      const vpcDns = stacks.findings.find((finding) => finding.rule === 'private-dns-needs-vpc-dns');
      assert.equal(basename(vpcDns?.file ?? ''), 'network.yaml');
      assert.deepEqual(new Set(vpcDns?.related.map((related) => basename(related.file))), new Set(['endpoints.yaml', 'app.yaml']));
      const blocked = stacks.findings.find((finding) => finding.rule === 'endpoint-sg-blocks-vpc-clients' && finding.logicalId === 'SsmEndpoint');
      assert.equal(basename(blocked?.file ?? ''), 'endpoints.yaml');
      assert.deepEqual(new Set(blocked?.related.map((related) => basename(related.file))), new Set(['app.yaml', 'network.yaml', 'endpoints.yaml']));
    });

    it('points every related location at the file that declares the resource', () => {
      for (const finding of stacks.findings) {
        for (const related of finding.related) {
          if (related.logicalId === undefined) continue;
          assert.equal(basename(related.file), declaredIn.get(related.logicalId), `${finding.rule}: "${related.logicalId}" is declared in ${declaredIn.get(related.logicalId)}`);
          // The related location lies in the resource's block: from its `  Id:` line to the next entry at that depth.
          const lines = readFileSync(related.file, 'utf8').split('\n');
          const start = lines.findIndex((text) => text.startsWith(`  ${related.logicalId}:`));
          const after = lines.findIndex((text, index) => index > start && /^ {0,2}\S/.test(text));
          const end = after < 0 ? lines.length : after;
          assert.ok(start >= 0 && related.range.start.line >= start && related.range.start.line < end, `${finding.rule}: the related line of "${related.logicalId}" (${related.range.start.line + 1}) is in its block (${start + 1}–${end})`);
        }
      }
    });
  });

  describe('through the language server', () => {
    let client: WorkspaceClient | undefined;
    afterEach(async () => {
      await client?.stop();
      client = undefined;
    });

    const byFile = (report: FindingsReport): Map<string, Comparable[]> => {
      const map = new Map<string, Comparable[]>();
      for (const name of STACK_FILES) map.set(name, fromReport({ ...report, findings: report.findings.filter((finding) => basename(finding.file) === name) }));
      return map;
    };

    it('publishes the CLI findings for every stack file in workspace scope, none of them open', async () => {
      client = await startWorkspaceServer([STACKS], { diagnostics: { scope: 'workspace' } });
      const expected = byFile(stacks);
      for (const name of STACK_FILES) {
        const uri = pathToFileURL(join(STACKS, name)).href;
        const wanted = expected.get(name) ?? [];
        const published = await client.waitForDiagnostics(`for ${name}`, (params) => params.uri === uri && params.diagnostics.length === wanted.length);
        assert.deepEqual(fromDiagnostics(published.diagnostics), wanted);
        for (const diagnostic of published.diagnostics) {
          for (const related of diagnostic.relatedInformation ?? []) assert.ok(related.location.uri.startsWith(pathToFileURL(STACKS).href), 'related locations are files of the workspace');
        }
      }
    });

    it('links an open stack with the stacks on disk in openFiles scope, and the one template gives the same', async () => {
      client = await startWorkspaceServer([STACKS]);
      const uri = pathToFileURL(join(STACKS, 'endpoints.yaml')).href;
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: readFileSync(join(STACKS, 'endpoints.yaml'), 'utf8') } });
      const wanted = byFile(stacks).get('endpoints.yaml') ?? [];
      const published = await client.waitForDiagnostics('for the open endpoints stack', (params) => params.uri === uri && params.version === 1 && params.diagnostics.length === wanted.length);
      assert.deepEqual(fromDiagnostics(published.diagnostics), wanted);
      // A round trip: whatever the server published before answering has arrived.
      await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
      assert.ok(!client.diagnostics.some((params) => params.uri.endsWith('network.yaml') || params.uri.endsWith('app.yaml')), 'files that are not open get no diagnostics in openFiles scope');

      const combinedUri = pathToFileURL(COMBINED).href;
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: combinedUri, languageId: 'yaml', version: 1, text: readFileSync(COMBINED, 'utf8') } });
      const all = await client.waitForDiagnostics('for the one template', (params) => params.uri === combinedUri && params.diagnostics.length === combined.findings.length);
      assert.deepEqual(fromDiagnostics(all.diagnostics), fromReport(stacks));
    });
  });
});
