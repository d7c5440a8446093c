/**
 * Security tidy checks over `server/src` (see SECURITY.md): no evaluation of code (`eval`,
 * `Function`, `vm`, string timers), no network modules, no process spawning except the one reviewed
 * use (`diff --base` runs `git` with an argument list and no shell), and no module loaded from a path
 * computed at run time except the reviewed one. The checks read the TypeScript syntax tree, so that
 * comments and strings that mention these names do not count and aliased imports do.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { colorsFor } from '../server/src/cli/format/colors';
import { formatText } from '../server/src/cli/format/text';
import { analyzeText } from '../server/src/ide/analysis';
import { buildReport } from '../server/src/ide/report';
import { ROOT } from './harness/paths';

const SERVER = join(ROOT, 'server', 'src');

/** Modules that reach the network or run code that is not ours. */
const FORBIDDEN_MODULES = /^(node:)?(net|http|https|http2|dgram|tls|dns|dns\/promises|vm|inspector|cluster|repl|undici|ws|axios|node-fetch|got)$/;

/** Globals that reach the network. */
const NETWORK_GLOBALS = new Set(['fetch', 'WebSocket', 'XMLHttpRequest', 'EventSource']);

/**
 * Reviewed exceptions, by file: what they may do and why. Anything else in these files is still checked.
 * Invariant: SECURITY.md lists the same exceptions.
 */
const CHILD_PROCESS_ALLOWED: Readonly<Record<string, string>> = {
  'server/src/cli/diff.ts': '`cfn-network-lens diff --base <ref>` reads the old templates with `git show`, as an argument list without a shell',
};
const COMPUTED_REQUIRE_ALLOWED: Readonly<Record<string, string>> = {
  'server/src/cli/main.ts': '`cfn-network-lens lsp --stdio` loads the bundled server that sits next to the CLI bundle',
};

function sourceFiles(directory: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(directory)) {
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) files.push(...sourceFiles(path));
    else if (/\.(ts|js|mjs|cjs)$/.test(entry)) files.push(path);
  }
  return files;
}

interface Problem {
  readonly file: string;
  readonly line: number;
  readonly what: string;
}

/** Everything in one file's syntax tree that the security policy forbids. */
function problemsOf(path: string): Problem[] {
  const file = relative(ROOT, path).split('\\').join('/');
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const problems: Problem[] = [];
  const report = (node: ts.Node, what: string): void => {
    problems.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1, what });
  };
  const childProcessNames = new Set<string>();
  const checkModule = (node: ts.Node, specifier: string): void => {
    if (FORBIDDEN_MODULES.test(specifier)) report(node, `imports ${specifier}`);
    if (/^(node:)?child_process$/.test(specifier) && !CHILD_PROCESS_ALLOWED[file]) report(node, `imports ${specifier}`);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      checkModule(node, node.moduleSpecifier.text);
      if (/^(node:)?child_process$/.test(node.moduleSpecifier.text)) {
        const bindings = node.importClause?.namedBindings;
        if (bindings && ts.isNamedImports(bindings)) for (const element of bindings.elements) childProcessNames.add((element.propertyName ?? element.name).text);
        else report(node, 'imports child_process as a whole; import the one function it needs');
      }
    }
    if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      checkModule(node, node.moduleReference.expression.text);
    }
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const first = node.arguments[0];
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require')) {
        if (first && ts.isStringLiteralLike(first)) checkModule(node, first.text);
        else if (!COMPUTED_REQUIRE_ALLOWED[file]) report(node, 'loads a module from a path computed at run time');
      }
      if (ts.isIdentifier(callee) && callee.text === 'eval') report(node, 'calls eval');
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'eval' && ts.isIdentifier(callee.expression) && ['globalThis', 'global', 'window', 'self'].includes(callee.expression.text)) report(node, 'calls eval');
      if (ts.isIdentifier(callee) && (callee.text === 'setTimeout' || callee.text === 'setInterval' || callee.text === 'setImmediate') && first && ts.isStringLiteralLike(first)) report(node, `passes code as a string to ${callee.text}`);
      if (ts.isIdentifier(callee) && NETWORK_GLOBALS.has(callee.text)) report(node, `calls ${callee.text}`);
      if (ts.isIdentifier(callee) && childProcessNames.has(callee.text)) {
        // The reviewed use runs `git` with an argument list and `shell: false`, nothing else.
        if (callee.text !== 'execFileSync') report(node, `calls ${callee.text}`);
        if (!(first && ts.isStringLiteralLike(first) && first.text === 'git')) report(node, 'runs a program other than the literal "git"');
        const options = node.arguments[2];
        const shellOff = options && ts.isObjectLiteralExpression(options) && options.properties.some((property) => ts.isPropertyAssignment(property) && property.name.getText(source) === 'shell' && property.initializer.kind === ts.SyntaxKind.FalseKeyword);
        if (!shellOff) report(node, 'runs a program without `shell: false`');
      }
      if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'process' && ['binding', '_linkedBinding', 'dlopen'].includes(callee.name.text)) report(node, `calls process.${callee.name.text}`);
    }
    if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === 'Function') report(node, 'builds a function from a string');
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && NETWORK_GLOBALS.has(node.expression.text)) report(node, `opens a ${node.expression.text}`);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return problems;
}

describe('security', function () {
  // Parsing every server source takes a few seconds on a busy machine.
  this.timeout(60_000);
  const files = sourceFiles(SERVER);

  it('finds the server sources to check', () => {
    assert.ok(files.length > 50, `only ${files.length} files under server/src`);
  });

  it('has no eval, Function, vm, network module, process spawning or computed module path in server/src', () => {
    const problems = files.flatMap(problemsOf).map((problem) => `${problem.file}:${problem.line}: ${problem.what}`);
    assert.deepEqual(problems, []);
  });

  it('keeps the reviewed exceptions real, so that a stale one is noticed and removed', () => {
    for (const file of Object.keys(CHILD_PROCESS_ALLOWED)) assert.match(readFileSync(join(ROOT, file), 'utf8'), /from 'node:child_process'/, `${file} still runs git`);
    for (const file of Object.keys(COMPUTED_REQUIRE_ALLOWED)) assert.match(readFileSync(join(ROOT, file), 'utf8'), /require\(join\(__dirname, /, `${file} still loads the server bundle`);
    const policy = readFileSync(join(ROOT, 'SECURITY.md'), 'utf8');
    for (const file of [...Object.keys(CHILD_PROCESS_ALLOWED), ...Object.keys(COMPUTED_REQUIRE_ALLOWED)]) assert.ok(policy.includes(file), `SECURITY.md names the exception in ${file}`);
  });

  it('writes no control or bidirectional character from a template to the terminal', () => {
    const id = 'Ev\u001b[31mIL\u001b]0;retitled\u0007\u202eedoc';
    const text = `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  ${JSON.stringify(id)}:\n    Type: AWS::EC2::VPCEndpoint\n    Properties:\n      VpcId: vpc-1\n      ServiceName: com.amazonaws.us-east-1.logs\n      VpcEndpointType: Interface\n      PrivateDnsEnabled: true\n`;
    const analysis = analyzeText('t\u001b[2J.yaml', text);
    assert.ok(analysis.findings.some((finding) => finding.message.includes(id)), 'the logical id is in a message');
    const output = formatText(buildReport(analysis), colorsFor({}, {}));
    assert.doesNotMatch(output, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
    assert.ok(output.includes('Ev\\u{1b}[31mIL'), 'the escape is shown, not dropped');
  });

  it('catches what it forbids (the checker checked on a sample)', () => {
    const sample = join(ROOT, 'test', 'security.test.ts');
    // This file mentions every forbidden name in strings and comments only, which must not count.
    assert.deepEqual(problemsOf(sample), []);
    const bad = [
      "import { exec } from 'node:child_process'; exec('ls');",
      "import * as net from 'net';",
      "const vm = require('node:vm');",
      "eval('1');",
      "globalThis.eval('1');",
      "new Function('return 1');",
      "setTimeout('1', 1);",
      "fetch('https://example.com');",
      "new WebSocket('wss://example.com');",
      'require(someVariable);',
      "void import('ht' + 'tp');",
    ];
    for (const code of bad) assert.notDeepEqual(problemsOfText(code), [], code);
    assert.deepEqual(problemsOfText("import { readFileSync } from 'node:fs'; const x = { eval: 1 }; x.eval; class A { eval() {} }"), []);
  });
});

/** The problems of a snippet, through a temporary file name outside every exception. */
function problemsOfText(code: string): Problem[] {
  const path = join(mkdtempSync(join(tmpdir(), 'cfn-network-lens-security-')), 'sample.ts');
  writeFileSync(path, code);
  return problemsOf(path);
}
