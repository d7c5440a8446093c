/**
 * The injection grammars in `syntaxes/` and their manifest entries: the JSON is valid, every
 * contributed grammar exists with the declared scope name, every `match` compiles as a JavaScript
 * regular expression (close enough to Oniguruma for these patterns), and the patterns highlight
 * each CloudFormation intrinsic where YAML or JSON puts it and nowhere else. The end-to-end suite
 * tokenizes the examples again with VS Code's own TextMate engine and YAML grammar.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../harness/paths';

interface Rule {
  match?: string;
  begin?: string;
  end?: string;
  patterns?: Rule[];
}
interface Grammar {
  scopeName: string;
  injectionSelector?: string;
  patterns: Rule[];
  repository?: Record<string, Rule>;
}
interface GrammarContribution {
  scopeName: string;
  path: string;
  injectTo?: string[];
}

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  contributes: { grammars?: GrammarContribution[]; configurationDefaults?: Record<string, unknown> };
};

const SHORT_FORMS = ['Ref', 'GetAtt', 'Sub', 'Join', 'Select', 'Split', 'If', 'Equals', 'And', 'Or', 'Not', 'Condition', 'FindInMap', 'GetAZs', 'ImportValue', 'Base64', 'Cidr', 'Transform', 'Length', 'ToJsonString'];
/** `Ref` and `Condition` have no `Fn::` long form. */
const LONG_FORMS = SHORT_FORMS.filter((name) => name !== 'Ref' && name !== 'Condition').map((name) => `Fn::${name}`);

function loadGrammar(scopeName: string): Grammar {
  const contribution = manifest.contributes.grammars?.find((grammar) => grammar.scopeName === scopeName);
  assert.ok(contribution, `package.json contributes the grammar ${scopeName}`);
  return JSON.parse(readFileSync(join(ROOT, contribution.path), 'utf8')) as Grammar;
}

/** Every regular expression in a grammar, with where it is. */
function regexesOf(grammar: Grammar): [where: string, source: string][] {
  const found: [string, string][] = [];
  const visit = (rule: Rule, where: string) => {
    for (const key of ['match', 'begin', 'end'] as const) {
      const source = rule[key];
      if (source !== undefined) found.push([`${where}.${key}`, source]);
    }
    rule.patterns?.forEach((child, index) => visit(child, `${where}.patterns[${index}]`));
  };
  grammar.patterns.forEach((rule, index) => visit(rule, `patterns[${index}]`));
  for (const [name, rule] of Object.entries(grammar.repository ?? {})) visit(rule, `repository.${name}`);
  return found;
}

/** The texts a grammar's `match` patterns highlight in one line, in order. */
function highlights(grammar: Grammar, line: string): string[] {
  const hits: { index: number; text: string }[] = [];
  for (const [, source] of regexesOf(grammar)) {
    for (const match of line.matchAll(new RegExp(source, 'g'))) hits.push({ index: match.index, text: match[0] });
  }
  return hits.sort((a, b) => a.index - b.index).map((hit) => hit.text);
}

describe('the intrinsic function grammars', () => {
  it('contributes every grammar file with its scope name, injected into YAML and JSON', () => {
    const grammars = manifest.contributes.grammars ?? [];
    assert.ok(grammars.length >= 2);
    for (const contribution of grammars) {
      const grammar = JSON.parse(readFileSync(join(ROOT, contribution.path), 'utf8')) as Grammar;
      assert.equal(grammar.scopeName, contribution.scopeName, contribution.path);
      assert.ok(grammar.injectionSelector, `${contribution.path} has an injectionSelector`);
      assert.ok(contribution.injectTo && contribution.injectTo.length > 0, `${contribution.path} says what it is injected into`);
    }
    const injectedInto = grammars.flatMap((grammar) => grammar.injectTo ?? []);
    for (const scope of ['source.yaml', 'source.json', 'source.json.comments']) assert.ok(injectedInto.includes(scope), `a grammar is injected into ${scope}`);
  });

  it('has regular expressions that compile', () => {
    for (const contribution of manifest.contributes.grammars ?? []) {
      const grammar = JSON.parse(readFileSync(join(ROOT, contribution.path), 'utf8')) as Grammar;
      const regexes = regexesOf(grammar);
      assert.ok(regexes.length > 0, `${contribution.path} has patterns`);
      for (const [where, source] of regexes) assert.doesNotThrow(() => new RegExp(source), `${contribution.path} ${where}`);
    }
  });

  describe('in YAML', () => {
    const yaml = loadGrammar('cloudformation.intrinsics.yaml.injection');

    for (const name of SHORT_FORMS) {
      it(`highlights !${name} after a key, in a sequence and in flow collections`, () => {
        assert.deepEqual(highlights(yaml, `    Value: !${name} x`), [`!${name}`]);
        assert.deepEqual(highlights(yaml, `      - !${name}`), [`!${name}`]);
        assert.deepEqual(highlights(yaml, `    Value: [a, !${name} x]`), [`!${name}`]);
        assert.deepEqual(highlights(yaml, `    Value: {k: !${name} x}`), [`!${name}`]);
        assert.deepEqual(highlights(yaml, `    Value: [!${name}]`), [`!${name}`]);
      });
    }

    it('highlights nested tags and long-form keys', () => {
      assert.deepEqual(highlights(yaml, '      AvailabilityZone: !Select [0, !GetAZs ""]'), ['!Select', '!GetAZs']);
      for (const name of LONG_FORMS) assert.deepEqual(highlights(yaml, `      ${name}: [a, b]`), [name]);
      assert.deepEqual(highlights(yaml, '      Fn::ForEach::Topics:'), ['Fn::ForEach::Topics']);
    });

    it('leaves lookalikes alone', () => {
      for (const line of ['    Value: !Reference x', '    Value: a!Ref', '    Value: !ref x', '    Value: !Ref:x', '    Fn::Nope: x', '    Value: Fn::Sub', '    Ref: x']) {
        assert.deepEqual(highlights(yaml, line), [], line);
      }
    });
  });

  describe('in JSON', () => {
    const json = loadGrammar('cloudformation.intrinsics.json.injection');

    it('highlights Ref and every Fn:: function where it is a key', () => {
      assert.deepEqual(highlights(json, '{ "Ref": "Vpc" }'), ['"Ref"']);
      assert.deepEqual(highlights(json, '{"Ref"  :"Vpc"}'), ['"Ref"']);
      for (const name of LONG_FORMS) assert.deepEqual(highlights(json, `        "${name}": ["a", "b"]`), [`"${name}"`]);
      assert.deepEqual(highlights(json, '"Fn::ForEach::Topics": []'), ['"Fn::ForEach::Topics"']);
    });

    it('leaves values and other keys alone', () => {
      for (const line of ['"Value": "Fn::Sub"', '"Value": "Ref"', '"Reference": 1', '"Fn::Nope": 1', '"MyRef": 1']) {
        assert.deepEqual(highlights(json, line), [], line);
      }
    });
  });

  it('teaches the Red Hat YAML extension every short-form tag', () => {
    const tags = manifest.contributes.configurationDefaults?.['yaml.customTags'];
    assert.ok(Array.isArray(tags), 'configurationDefaults sets yaml.customTags');
    for (const entry of tags) assert.match(String(entry), /^!\w+ (scalar|sequence|mapping)$/);
    const named = new Set(tags.map((entry) => String(entry).split(' ')[0]));
    assert.deepEqual(SHORT_FORMS.filter((name) => !named.has(`!${name}`)), []);
  });
});
