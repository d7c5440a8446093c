/**
 * The entry point VS Code's extension host loads as `extensionTestsPath`: runs every bundled
 * `*.test.js` next to it with mocha (bdd) and rejects when a test fails, which the workbench turns
 * into `codeAutomationExit(1)`. The runner (`test/e2e/run.ts`) bundles this folder with esbuild
 * into a scratch folder; mocha itself is loaded from the repository's node_modules.
 */
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type MochaType from 'mocha';

/** The repository root, set by the bundler (`define`), so that mocha resolves from its node_modules. */
declare const CFN_LENS_REPO_ROOT: string;
const Mocha = createRequire(join(CFN_LENS_REPO_ROOT, 'package.json'))('mocha') as typeof MochaType;

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, forbidOnly: true, reporter: 'spec' });
  const files = readdirSync(__dirname)
    .filter((name) => name.endsWith('.test.js'))
    .sort();
  if (files.length === 0) return Promise.reject(new Error(`no *.test.js files next to ${__filename}`));
  for (const name of files) mocha.addFile(join(__dirname, name));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} extension-host test(s) failed`)) : resolve()));
  });
}
