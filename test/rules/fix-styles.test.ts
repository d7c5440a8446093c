/**
 * Quick fixes in the file's own style: the preferred fixes of every finding of an example, applied
 * to the same template written with four-space indentation, flow lists, CRLF line endings and as
 * tab-indented JSON, leave every untouched line byte-identical, keep the file parseable, and fix
 * what they claim to fix.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText } from '../../server/src/ide/analysis';
import { applyEdits } from '../../server/src/ide/edit';
import { fixesFor, preferredEdits } from '../../server/src/ide/fixes';
import { parse } from '../../server/src/syntax';
import { toJsonTwin } from '../harness/json-twin';
import { ROOT } from '../harness/paths';

const EXAMPLE = readFileSync(join(ROOT, 'examples', 'endpoint-mistakes.yaml'), 'utf8');

const VARIANTS: Readonly<Record<string, () => string>> = {
  'two-space YAML with comments': () => EXAMPLE,
  'four-space YAML': () => reindent(EXAMPLE),
  'flow lists': () =>
    EXAMPLE.replace(/SubnetIds:\n((?: {8}- .+\n)+)/g, (_match, items: string) => `SubnetIds: [${items.trim().split('\n').map((item) => item.trim().slice(2)).join(', ')}]\n`).replace(
      /SecurityGroupIds:\n {8}- (.+)\n/g,
      'SecurityGroupIds: [$1]\n',
    ),
  'CRLF line endings': () => EXAMPLE.replace(/\n/g, '\r\n'),
  'tab-indented JSON': () => `${JSON.stringify(JSON.parse(toJsonTwin(EXAMPLE)), null, '\t')}\n`,
};

/**
 * The example re-indented with four spaces per level; the keys of a map that starts on a `- ` line
 * stay two columns right of its dash, as YAML requires.
 */
function reindent(text: string): string {
  const items: { from: number; to: number }[] = [];
  return text
    .split('\n')
    .map((line) => {
      const indent = /^ */.exec(line)?.[0].length ?? 0;
      if (line.trim() === '' || line.trimStart().startsWith('#')) return line.replace(/^ +/, (spaces) => spaces + spaces);
      while (items.length > 0 && indent <= (items[items.length - 1]?.from ?? 0)) items.pop();
      const item = items[items.length - 1];
      const target = item ? item.to + 2 + (indent - item.from - 2) * 2 : indent * 2;
      if (line.trimStart().startsWith('- ')) items.push({ from: indent, to: target });
      return ' '.repeat(target) + line.trimStart();
    })
    .join('\n');
}

/** The lines of `text` with the offset range each covers, line break included. */
function linesOf(text: string): { line: string; start: number; end: number }[] {
  const result: { line: string; start: number; end: number }[] = [];
  let start = 0;
  for (const match of text.matchAll(/[^\n]*\n|[^\n]+$/g)) {
    result.push({ line: match[0], start, end: start + match[0].length });
    start += match[0].length;
  }
  return result;
}

describe('quick fixes keep the file style', () => {
  for (const [name, make] of Object.entries(VARIANTS)) {
    it(`leaves untouched lines of ${name} byte-identical`, () => {
      const text = make();
      const file = name.includes('JSON') ? 'example.json' : 'example.yaml';
      const analysis = analyzeText(file, text);
      assert.deepEqual(analysis.files.get(file)?.parse.errors, [], 'the variant parses');
      const fixable = analysis.findings.filter((finding) => fixesFor(analysis, finding).some((fix) => fix.preferred));
      assert.ok(fixable.length >= 4, 'most findings have a preferred fix');
      const edits = preferredEdits(analysis, analysis.findings).flatMap((entry) => entry.edits);
      const fixed = applyEdits(text, edits);
      // Every line no edit touches must appear in the output, unchanged and in order.
      const untouched = linesOf(text).filter(({ start, end }) => !edits.some((edit) => edit.range[0] < end && edit.range[1] > start && !(edit.range[0] === edit.range[1] && (edit.range[0] === start || edit.range[0] === end))));
      const output = linesOf(fixed).map(({ line }) => line);
      let cursor = 0;
      for (const { line } of untouched) {
        const found = output.indexOf(line, cursor);
        assert.ok(found >= 0, `untouched line ${JSON.stringify(line)} survives`);
        cursor = found + 1;
      }
      assert.deepEqual(parse(fixed).errors, [], 'the fixed file parses');
      if (file.endsWith('.json')) assert.doesNotThrow(() => JSON.parse(fixed));
      if (name.includes('CRLF')) assert.ok(!/[^\r]\n/.test(fixed), 'every new line ends in CRLF');
      if (name.includes('tab')) assert.ok(!/\n {2}/.test(fixed), 'no space indentation appears in a tab-indented file');
      const after = analyzeText(file, fixed);
      for (const finding of fixable) {
        assert.ok(!after.findings.some((other) => other.rule === finding.rule && other.logicalId === finding.logicalId), `${finding.rule} on "${finding.logicalId}" is fixed`);
      }
    });
  }
});
