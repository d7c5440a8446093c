/**
 * Packages the extension with vsce (as `npm run package` does, but from the current `dist/` and
 * into a scratch folder) and checks the `.vsix` against the allow-list in `vsix-contents.ts`: only
 * the bundles, grammars, icon, README, CHANGELOG and LICENSE ship, and the package stays small.
 * The release build (minified, no source maps) is checked again by the end-to-end suite.
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '../harness/paths';
import { listZipEntries, readZipEntry } from './read-zip';
import { MAX_VSIX_BYTES, checkVsix } from './vsix-contents';

const run = promisify(execFile);
const VSCE = join(dirname(require.resolve('@vscode/vsce/package.json')), 'vsce');

describe('the packaged extension (.vsix)', function () {
  this.timeout(60_000);
  let scratch: string;
  let vsix: string;

  before(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'cfn-lens-package-'));
    vsix = join(scratch, 'extension.vsix');
    // vsce asks y/N questions on a terminal; with stdin closed it never waits for an answer.
    await run(process.execPath, [VSCE, 'package', '--no-dependencies', '--out', vsix], { cwd: ROOT, timeout: 50_000, maxBuffer: 8 * 1024 * 1024 });
  });

  after(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('contains only the allow-listed files and stays under the size bound', () => {
    const report = checkVsix(vsix, ROOT);
    assert.deepEqual(report.problems, [], `files in the package:\n  ${report.files.join('\n  ')}`);
    assert.ok(report.size < MAX_VSIX_BYTES);
  });

  it('ships the bundles byte for byte and the manifest of this version', () => {
    const zip = readFileSync(vsix);
    const entries = new Map(listZipEntries(zip).map((entry) => [entry.name, entry]));
    for (const bundle of ['extension.js', 'server.js', 'cli.js']) {
      const entry = entries.get(`extension/dist/${bundle}`);
      assert.ok(entry, `dist/${bundle} is in the package`);
      assert.ok(readZipEntry(zip, entry).equals(readFileSync(join(ROOT, 'dist', bundle))), `dist/${bundle} in the package equals the file on disk`);
    }
    const manifestEntry = entries.get('extension/package.json');
    assert.ok(manifestEntry);
    const packaged = JSON.parse(readZipEntry(zip, manifestEntry).toString('utf8')) as { name: string; version: string };
    const source = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
    assert.equal(`${packaged.name}@${packaged.version}`, `${source.name}@${source.version}`);
  });
});
