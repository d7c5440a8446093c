/**
 * What a `.vsix` of this extension may and must contain, checked in one place so that the unit
 * test (which packages the current `dist/`) and the end-to-end suite (which checks the release
 * build it installs) hold the package to the same allow-list and size bound.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { listZipEntries, readZipEntry } from './read-zip';

/** The largest package we accept: the bundles are a few hundred kilobytes compressed. */
export const MAX_VSIX_BYTES = 5 * 1024 * 1024;

/** vsce's own bookkeeping files, present in every package. */
const VSCE_FILES = ['[Content_Types].xml', 'extension.vsixmanifest'];

/** Extension files that must always ship. vsce renames LICENSE to LICENSE.txt. */
const REQUIRED_FILES = [
  'extension/package.json',
  'extension/dist/extension.js',
  'extension/dist/server.js',
  'extension/dist/cli.js',
  'extension/LICENSE.txt',
  'extension/images/icon.png',
];

/**
 * Paths allowed besides the required ones: grammars, the README and CHANGELOG (vsce lower-cases
 * their names), and the CloudFormation resource specification database that scripts/build.mjs
 * copies next to the bundles for documentation hovers (2.6 MB, already gzipped).
 */
const ALLOWED_PATTERNS = [/^extension\/syntaxes\/[a-z0-9-]+\.tmLanguage\.json$/, /^extension\/readme\.md$/, /^extension\/changelog\.md$/, /^extension\/dist\/db\.json\.gz$/];

export interface VsixReport {
  readonly size: number;
  readonly files: readonly string[];
  /** Every rule the package breaks; empty when it is fine. */
  readonly problems: readonly string[];
}

/**
 * Checks a package against the allow-list. `root` is the repository the package was built from:
 * every grammar in its `syntaxes/` must be in the package, and so must README.md and CHANGELOG.md
 * once the repository has them (vsce packages them when present and says nothing when absent), and
 * `dist/db.json.gz` once the build writes it.
 */
export function checkVsix(vsixPath: string, root: string): VsixReport {
  const zip = readFileSync(vsixPath);
  const files = listZipEntries(zip)
    .map((entry) => entry.name)
    .filter((name) => !name.endsWith('/'));
  const problems: string[] = [];
  const size = statSync(vsixPath).size;
  if (size > MAX_VSIX_BYTES) problems.push(`the package is ${size} bytes, more than ${MAX_VSIX_BYTES}`);

  const required = [...VSCE_FILES, ...REQUIRED_FILES, ...grammarFiles(root)];
  if (existsSync(join(root, 'README.md'))) required.push('extension/readme.md');
  if (existsSync(join(root, 'CHANGELOG.md'))) required.push('extension/changelog.md');
  // The CloudFormation resource specification that documentation hovers read ships whenever the build puts it next to the bundles (see scripts/build.mjs).
  if (existsSync(join(root, 'dist', 'db.json.gz'))) required.push('extension/dist/db.json.gz');
  for (const name of required) if (!files.includes(name)) problems.push(`missing ${name}`);
  for (const name of files) {
    if (!required.includes(name) && !ALLOWED_PATTERNS.some((pattern) => pattern.test(name))) problems.push(`not on the allow-list: ${name}`);
  }

  const manifest = listZipEntries(zip).find((entry) => entry.name === 'extension/package.json');
  if (manifest) {
    const packaged = JSON.parse(readZipEntry(zip, manifest).toString('utf8')) as { icon?: string; main?: string };
    if (packaged.icon !== 'images/icon.png') problems.push(`package.json "icon" is ${String(packaged.icon)}, not images/icon.png`);
    if (packaged.main !== './dist/extension.js') problems.push(`package.json "main" is ${String(packaged.main)}, not ./dist/extension.js`);
  }
  return { size, files, problems };
}

/** The bundles inside the package, by name, for checks on their content (such as "no source map"). */
export function readVsixBundles(vsixPath: string): Map<string, string> {
  const zip = readFileSync(vsixPath);
  const bundles = new Map<string, string>();
  for (const entry of listZipEntries(zip)) {
    if (/^extension\/dist\/[^/]+\.js$/.test(entry.name)) bundles.set(entry.name, readZipEntry(zip, entry).toString('utf8'));
  }
  return bundles;
}

function grammarFiles(root: string): string[] {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { contributes?: { grammars?: { path: string }[] } };
  return (manifest.contributes?.grammars ?? []).map((grammar) => `extension/${grammar.path.replace(/^\.\//, '')}`);
}
