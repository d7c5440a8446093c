/**
 * Tidy checks that keep the code base honest: every source file opens with a purpose comment,
 * the layering of ARCHITECTURE.md holds (only `lsp/` knows LSP, nothing imports upward, the engine
 * does no I/O), file names are kebab-case, no test is focused with `.only`, every folder of
 * `server/src` is in the code map, and the settings in package.json match the server's defaults.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from './harness/paths';
import { DEFAULT_SETTINGS } from '../server/src/lsp/protocol';

function filesUnder(directory: string, extension: string): string[] {
  const result: string[] = [];
  for (const entry of readdirSync(directory)) {
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) {
      if (entry !== 'node_modules' && entry !== 'fixtures' && entry !== 'corpus') result.push(...filesUnder(path, extension));
    } else if (entry.endsWith(extension)) result.push(path);
  }
  return result;
}

const SERVER = join(ROOT, 'server', 'src');
const sources = [...filesUnder(SERVER, '.ts'), ...filesUnder(join(ROOT, 'client', 'src'), '.ts')];

/**
 * The folders of `server/src` from the bottom layer up, and what each may import besides itself.
 * Invariant: keep in step with ARCHITECTURE.md.
 */
const LAYERS: Readonly<Record<string, readonly string[]>> = {
  syntax: [],
  template: ['syntax'],
  model: ['syntax', 'template'],
  analysis: ['syntax', 'template', 'model'],
  rules: ['syntax', 'template', 'model', 'analysis'],
  workspace: ['syntax', 'template', 'model'],
  ide: ['syntax', 'template', 'model', 'analysis', 'rules', 'workspace'],
  lsp: ['syntax', 'template', 'model', 'analysis', 'rules', 'workspace', 'ide'],
  cli: ['syntax', 'template', 'model', 'analysis', 'rules', 'workspace', 'ide'],
};

/** Layers that must stay free of I/O: they get text in and give values out. */
const PURE_LAYERS = new Set(['syntax', 'template', 'model', 'analysis', 'rules', 'workspace', 'ide']);
const IO_MODULES = /^(node:)?(fs|fs\/promises|child_process|net|http|https|dgram|worker_threads)$/;

function importsOf(text: string): string[] {
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)/g)].map((match) => match[1] ?? match[2] ?? '');
}

describe('tidy', () => {
  it('opens every source file with a purpose comment', () => {
    const missing = sources.filter((path) => !readFileSync(path, 'utf8').startsWith('/**'));
    assert.deepEqual(missing.map((path) => relative(ROOT, path)), []);
  });

  it('names source and test files in kebab-case', () => {
    const files = [...sources, ...filesUnder(join(ROOT, 'test'), '.ts')];
    const bad = files.filter((path) => !/^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+)*\.ts$/.test(path.split('/').pop() ?? ''));
    assert.deepEqual(bad.map((path) => relative(ROOT, path)), []);
  });

  it('keeps the layering: nothing imports upward, only lsp/ knows LSP, the engine does no I/O', () => {
    const problems: string[] = [];
    for (const path of filesUnder(SERVER, '.ts')) {
      const layer = relative(SERVER, path).split('/')[0] ?? '';
      const allowed = LAYERS[layer];
      if (!allowed) {
        problems.push(`${relative(ROOT, path)}: folder ${layer} is not a known layer`);
        continue;
      }
      for (const specifier of importsOf(readFileSync(path, 'utf8'))) {
        if (specifier.startsWith('.')) {
          const target = relative(SERVER, join(path, '..', specifier)).split('/')[0] ?? '';
          if (target !== layer && !allowed.includes(target)) problems.push(`${relative(ROOT, path)} imports ${specifier} (layer ${target})`);
        } else if (specifier.startsWith('vscode-languageserver') && layer !== 'lsp') {
          problems.push(`${relative(ROOT, path)} imports ${specifier}; only lsp/ may`);
        } else if (PURE_LAYERS.has(layer) && IO_MODULES.test(specifier)) {
          problems.push(`${relative(ROOT, path)} imports ${specifier}; ${layer}/ does no I/O`);
        }
      }
    }
    for (const path of filesUnder(join(ROOT, 'client', 'src'), '.ts')) {
      for (const specifier of importsOf(readFileSync(path, 'utf8'))) {
        if (specifier.includes('server/src') && !specifier.endsWith('server/src/lsp/protocol')) problems.push(`${relative(ROOT, path)} imports ${specifier}; the client shares only lsp/protocol.ts`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it('has no focused tests', () => {
    const focused = filesUnder(join(ROOT, 'test'), '.ts').filter((path) => /\b(describe|it|suite|test)\.only\(/.test(readFileSync(path, 'utf8')));
    assert.deepEqual(focused.map((path) => relative(ROOT, path)), []);
  });

  it('names every folder of server/src in the code map of ARCHITECTURE.md', () => {
    const architecture = readFileSync(join(ROOT, 'ARCHITECTURE.md'), 'utf8');
    const folders = readdirSync(SERVER).filter((entry) => statSync(join(SERVER, entry)).isDirectory());
    const missing = folders.filter((folder) => !architecture.includes(`\`${folder}/\``));
    assert.deepEqual(missing, [], 'ARCHITECTURE.md mentions each folder as `folder/`');
    assert.deepEqual(folders.filter((folder) => !LAYERS[folder]), [], 'each folder is a layer of the tidy test');
  });

  it('declares the server settings in package.json with the same defaults', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, { default: unknown }> } } };
    const properties = manifest.contributes.configuration.properties;
    // A group of settings such as `diagnostics: { scope }` is declared key by key (`cfnNetworkLens.diagnostics.scope`).
    const check = (prefix: string, defaults: object): void => {
      for (const [key, value] of Object.entries(defaults)) {
        const name = `${prefix}.${key}`;
        const declared = properties[name];
        if (!declared && value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0) {
          check(name, value as object);
          continue;
        }
        assert.ok(declared, `${name} is declared in package.json`);
        assert.deepEqual(declared.default, value, `${name} has the server's default`);
      }
    };
    check('cfnNetworkLens', DEFAULT_SETTINGS);
  });
});
