/**
 * `detectStyle`: each fixture's conventions (line ending, indentation, dash column, quotes, short or
 * long intrinsics, flow spacing, JSON separators) are read from the file itself.
 */
import { strict as assert } from 'node:assert';
import { parse } from '../../../server/src/syntax';
import { detectStyle, type FileStyle } from '../../../server/src/ide/edit';
import { loadFixture } from './edit-harness';

function styleOf(fixture: string): FileStyle {
  return detectStyle(loadFixture(fixture).parse);
}

describe('detectStyle', () => {
  it('reads a two-space YAML file with dashes indented under their key', () => {
    const style = styleOf('comments.yaml');
    assert.deepEqual(
      { eol: style.eol, indentUnit: style.indentUnit, listIndent: style.listIndent, itemIndent: style.itemIndent, quote: style.quote, shortTags: style.shortTags },
      { eol: '\n', indentUnit: '  ', listIndent: 2, itemIndent: 2, quote: 'single', shortTags: true },
    );
  });

  it('reads four-space indentation and double quotes', () => {
    const style = styleOf('four-space.yaml');
    assert.equal(style.indentUnit, '    ');
    assert.equal(style.listIndent, 4);
    assert.equal(style.quote, 'double');
  });

  it('reads dashes written at the key column', () => {
    assert.equal(styleOf('dash-at-key-column.yaml').listIndent, 0);
  });

  it('reads CRLF line endings', () => {
    assert.equal(styleOf('crlf.yaml').eol, '\r\n');
  });

  it('reads a file that writes intrinsics only in long form', () => {
    assert.equal(styleOf('long-form.yaml').shortTags, false);
  });

  it('reads id lists written on one line', () => {
    const style = styleOf('flow-lists.yaml');
    assert.equal(style.inlineValueLists, true);
    assert.equal(style.flowListPadding, false);
    assert.equal(style.flowMapPadding, false);
    assert.equal(styleOf('comments.yaml').inlineValueLists, false);
  });

  it('reads tab-indented JSON with intrinsics on one line', () => {
    const style = styleOf('tabs.json');
    assert.deepEqual(
      { format: style.format, indentUnit: style.indentUnit, jsonColon: style.jsonColon, jsonInlineIntrinsics: style.jsonInlineIntrinsics, flowMapPadding: style.flowMapPadding },
      { format: 'json', indentUnit: '\t', jsonColon: ': ', jsonInlineIntrinsics: true, flowMapPadding: false },
    );
  });

  it('reads JSON with spaced colons and padded brackets', () => {
    const style = styleOf('spaces.json');
    assert.deepEqual(
      { indentUnit: style.indentUnit, jsonColon: style.jsonColon, flowListPadding: style.flowListPadding, flowMapPadding: style.flowMapPadding },
      { indentUnit: '  ', jsonColon: ' : ', flowListPadding: true, flowMapPadding: true },
    );
  });

  it('reads JSON that spreads intrinsics over lines', () => {
    assert.equal(styleOf('single-subnet.json').jsonInlineIntrinsics, false);
  });

  it('falls back to common defaults for a file with nothing to go by', () => {
    const style = detectStyle(parse('Resources: {}\n'));
    assert.deepEqual(
      { eol: style.eol, indentUnit: style.indentUnit, listIndent: style.listIndent, quote: style.quote, shortTags: style.shortTags },
      { eol: '\n', indentUnit: '  ', listIndent: 2, quote: 'single', shortTags: true },
    );
  });
});
