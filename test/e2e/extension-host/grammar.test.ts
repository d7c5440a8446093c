/**
 * The injection grammars tokenized by VS Code's own TextMate engine (vscode-textmate with
 * Oniguruma, from the running VS Code) on top of its built-in YAML and JSON grammars, wired the
 * way `contributes.grammars[].injectTo` wires them: every short-form tag in the example is
 * highlighted, and tags inside comments and quoted strings are not.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, workspaceFile } from './helpers';

/** The parts of vscode-textmate and vscode-oniguruma this test uses. */
interface TextMate {
  Registry: new (options: {
    onigLib: Promise<unknown>;
    loadGrammar(scopeName: string): Promise<unknown>;
    getInjections(scopeName: string): string[];
  }) => { loadGrammar(scopeName: string): Promise<Grammar | null> };
  parseRawGrammar(content: string, filePath: string): unknown;
  INITIAL: unknown;
}
interface Grammar {
  tokenizeLine(line: string, state: unknown): { tokens: { startIndex: number; endIndex: number; scopes: string[] }[]; ruleStack: unknown };
}
interface Oniguruma {
  loadWASM(data: ArrayBuffer): Promise<void>;
  OnigScanner: new (patterns: string[]) => unknown;
  OnigString: new (text: string) => unknown;
}
interface GrammarContribution {
  scopeName?: string;
  path: string;
  injectTo?: string[];
}

const INTRINSIC_SCOPE = 'support.function.intrinsic';
const SHORT_FORMS = 'Ref|GetAtt|Sub|Join|Select|Split|If|Equals|And|Or|Not|Condition|FindInMap|GetAZs|ImportValue|Base64|Cidr|Transform|Length|ToJsonString';

function contributedGrammars(extensionPath: string): (GrammarContribution & { file: string })[] {
  const manifest = JSON.parse(readFileSync(join(extensionPath, 'package.json'), 'utf8')) as { contributes?: { grammars?: GrammarContribution[] } };
  return (manifest.contributes?.grammars ?? []).map((grammar) => ({ ...grammar, file: join(extensionPath, grammar.path) }));
}

describe('intrinsic function highlighting with VS Code\'s TextMate engine', () => {
  let yaml: Grammar;
  let json: Grammar;
  let textmate: TextMate;

  before(async () => {
    const appRoot = vscode.env.appRoot;
    const modules = join(appRoot, 'node_modules');
    assert.ok(existsSync(join(modules, 'vscode-textmate')), `vscode-textmate is in ${modules}`);
    // Loaded at run time from the running VS Code, so that the test uses exactly its engine.
    textmate = require(join(modules, 'vscode-textmate')) as TextMate;
    const oniguruma = require(join(modules, 'vscode-oniguruma')) as Oniguruma;
    const wasm = readFileSync(join(modules, 'vscode-oniguruma', 'release', 'onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);

    // Every grammar of the built-in extensions and of ours, by scope name, and who injects into what.
    const files = new Map<string, string>();
    const injections = new Map<string, string[]>();
    const builtIn = join(appRoot, 'extensions');
    const ours = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ours);
    const extensionFolders = readdirSync(builtIn).map((name) => join(builtIn, name)).filter((folder) => existsSync(join(folder, 'package.json')));
    for (const folder of [...extensionFolders, ours.extensionPath]) {
      for (const grammar of contributedGrammars(folder)) {
        if (grammar.scopeName) files.set(grammar.scopeName, grammar.file);
        for (const target of grammar.injectTo ?? []) injections.set(target, [...(injections.get(target) ?? []), grammar.scopeName ?? '']);
      }
    }
    const registry = new textmate.Registry({
      onigLib: Promise.resolve({ createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns), createOnigString: (text: string) => new oniguruma.OnigString(text) }),
      loadGrammar: async (scopeName) => {
        const file = files.get(scopeName);
        return file ? textmate.parseRawGrammar(readFileSync(file, 'utf8'), file) : null;
      },
      getInjections: (scopeName) => injections.get(scopeName) ?? [],
    });
    const yamlGrammar = await registry.loadGrammar('source.yaml');
    const jsonGrammar = await registry.loadGrammar('source.json');
    assert.ok(yamlGrammar && jsonGrammar, 'VS Code has YAML and JSON grammars');
    yaml = yamlGrammar;
    json = jsonGrammar;
  });

  /** The highlighted intrinsics as `line:column text`, joining adjacent tokens (`!` and `Ref` are two tokens). */
  function highlighted(grammar: Grammar, text: string): string[] {
    const found: string[] = [];
    let state = textmate.INITIAL;
    text.split(/\r?\n/).forEach((line, index) => {
      const result = grammar.tokenizeLine(line, state);
      state = result.ruleStack;
      let start = -1;
      let end = -1;
      const flush = () => {
        if (start >= 0) found.push(`${index + 1}:${start + 1} ${line.slice(start, end)}`);
        start = -1;
      };
      for (const token of result.tokens) {
        const intrinsic = token.scopes.some((scope) => scope.startsWith(INTRINSIC_SCOPE));
        if (intrinsic && start >= 0 && token.startIndex === end) end = token.endIndex;
        else if (intrinsic) {
          flush();
          start = token.startIndex;
          end = token.endIndex;
        } else flush();
      }
      flush();
    });
    return found;
  }

  it('highlights every short-form tag of endpoint-mistakes.yaml', () => {
    const text = readFileSync(workspaceFile('endpoint-mistakes.yaml').fsPath, 'utf8');
    const expected: string[] = [];
    text.split(/\r?\n/).forEach((line, index) => {
      if (line.trimStart().startsWith('#')) return;
      for (const match of line.matchAll(new RegExp(`(?<![^\\s\\[{,])!(?:${SHORT_FORMS})(?=[\\s,\\]}]|$)`, 'g'))) expected.push(`${index + 1}:${match.index + 1} ${match[0]}`);
    });
    assert.ok(expected.length > 10, 'the example uses short-form tags');
    assert.deepEqual(highlighted(yaml, text), expected);
  });

  it('leaves tags in comments, quoted strings and longer names alone in YAML', () => {
    const text = ['# !Ref in a comment', 'A: "!Ref in a string"', "B: '!Sub in a string'", 'C: !Reference x', 'D: !GetAtt A.B # !Ref'].join('\n');
    assert.deepEqual(highlighted(yaml, text), ['5:4 !GetAtt']);
  });

  it('highlights Ref and Fn:: keys in JSON, not values', () => {
    const text = ['{', '  "A": { "Ref": "Vpc" },', '  "B": { "Fn::GetAtt": ["Vpc", "CidrBlock"] },', '  "C": "Fn::Sub"', '}'].join('\n');
    assert.deepEqual(highlighted(json, text), ['2:11 Ref', '3:11 Fn::GetAtt']);
  });
});
