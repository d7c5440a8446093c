/**
 * The README tells the truth: the finding it quotes for the story is what the bundled CLI prints,
 * the commands it gives exist as npm scripts, and the files it links exist.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../harness/run-cli';
import { ROOT } from '../harness/paths';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('README', () => {
  it('quotes the story finding exactly as the CLI prints it', () => {
    const quoted = /After, the editor and CI say:\n\n```\n(.+)\n```/.exec(README)?.[1];
    assert.ok(quoted, 'the README quotes a finding');
    const output = runCli(['check', 'examples/session-manager.yaml']).stdout.split('\n');
    assert.ok(output.includes(quoted), `the CLI prints:\n${output.join('\n')}`);
  });

  it('gives the two commands of a fresh machine, and they exist', () => {
    assert.ok(README.includes('npm ci && npm run demo'));
    assert.ok(README.includes('npm ci && npm test'));
    const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    assert.ok(scripts.demo && scripts.test);
  });

  it('links only files that exist', () => {
    const links = [...README.matchAll(/\]\(([^)#]+)(#[^)]*)?\)/g)].map((match) => match[1] ?? '').filter((link) => !/^[a-z]+:/.test(link));
    assert.ok(links.length > 3);
    assert.deepEqual(links.filter((link) => !existsSync(join(ROOT, link))), []);
  });
});
