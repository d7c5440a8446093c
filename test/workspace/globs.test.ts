/**
 * The glob matcher of the `exclude` setting and the project file's `ignore` list: the same answers
 * as the regular expression that states its meaning, on random patterns and paths, and no
 * backtracking on patterns that a repository could ship to hang the editor or the CLI.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { compileGlob, matchesAnyGlob } from '../../server/src/workspace/globs';

/**
 * What a glob means, as a regular expression (backtracking, so only for short inputs): `**` before
 * a `/` is any number of whole folders, `**` elsewhere anything, `*` and `?` stay within one name;
 * the match starts at the start or after a `/` (at the start only for a pattern that starts with
 * `/`) and ends at the end or before a `/`.
 */
function reference(glob: string): RegExp {
  let source = '';
  for (let index = 0; index < glob.length; index++) {
    const char = glob.charAt(index);
    if (char === '*' && glob.charAt(index + 1) === '*') {
      const folders = glob.charAt(index + 2) === '/';
      source += folders ? '(?:[^/]*/)*' : '.*';
      index += folders ? 2 : 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else if (char === '{') source += '(?:';
    else if (char === '}') source += ')';
    else if (char === ',') source += '|';
    else source += char.replace(/[.+^$()|\\[\]]/g, '\\$&');
  }
  return new RegExp(`${glob.startsWith('/') ? '^' : '(?:^|/)'}${source}(?:/.*)?$`);
}

describe('glob matching', () => {
  it('answers as the regular expression that states its meaning', () => {
    const pathChar = fc.constantFrom('a', 'b', '.', '/');
    const globChar = fc.constantFrom('a', 'b', '.', '/', '*', '**', '**/', '?');
    const choice = fc.tuple(fc.array(globChar, { maxLength: 3 }), fc.array(globChar, { maxLength: 3 })).map(([left, right]) => `{${left.join('')},${right.join('')}}`);
    const glob = fc
      .array(fc.oneof({ weight: 6, arbitrary: globChar }, { weight: 1, arbitrary: choice }), { minLength: 1, maxLength: 8 })
      .map((parts) => parts.join(''))
      .filter((text) => text.trim().replace(/\/+$/, '') === text && text !== '');
    const path = fc.array(pathChar, { maxLength: 12 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(glob, path, (pattern, candidate) => {
        assert.equal(compileGlob(pattern)?.test(candidate), reference(pattern).test(candidate), `${pattern} on ${candidate}`);
      }),
      { seed: 20261129, numRuns: 3000 },
    );
  });

  it('reads character classes, negated ones and a closing bracket first in the class', () => {
    assert.equal(matchesAnyGlob('/x/vpc-b.yaml', ['vpc-[!a].yaml']), true);
    assert.equal(matchesAnyGlob('/x/vpc-a.yaml', ['vpc-[!a].yaml']), false);
    assert.equal(matchesAnyGlob('/x/a]b', ['a[]]b']), true);
    assert.equal(matchesAnyGlob('/x/a-b', ['a[x-z]b']), false);
  });

  it('refuses empty and malformed patterns and choices that expand past a bound', () => {
    for (const pattern of ['', '   ', '/', '{a,b', '[abc', '[z-a]', '{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}{o,p}{q,r}']) assert.equal(compileGlob(pattern), undefined, pattern);
    assert.notEqual(compileGlob('{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}{o,p}'), undefined);
    assert.equal(compileGlob('a}b,c')?.test('/a}b,c'), true);
  });

  // Each of these backtracks for minutes to hours as a regular expression; a hang fails the test
  // through the suite's timeout.
  it('matches patterns with many stars without backtracking', () => {
    const name = `/${'a'.repeat(5000)}`;
    assert.equal(compileGlob('*a*a*a*a*a*a*a*a*a*a*a*a*b')?.test(name), false);
    assert.equal(compileGlob('*a*a*a*a*a*a*a*a*a*a*a*a*a')?.test(name), true);
    const deep = `/${Array.from({ length: 200 }, () => 'dir').join('/')}/y.yaml`;
    assert.equal(compileGlob(`${'**/'.repeat(30)}x.yaml`)?.test(deep), false);
    assert.equal(compileGlob(`${'**/'.repeat(30)}y.yaml`)?.test(deep), true);
    assert.equal(compileGlob(`${'**'.repeat(30)}z`)?.test(deep), false);
    assert.equal(compileGlob(`${'{a,*}'.repeat(8)}b`)?.test(name), false);
  });
});
