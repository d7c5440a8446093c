/**
 * The limits that keep hostile input from crashing or hanging the engine, each with its one-sentence
 * message: files over the size limit (configurable, also through the CLI's `--max-file-size`), alias
 * bombs, 5,000-deep nesting in every style, binary text, invalid UTF-8 as an editor decodes it, a
 * byte order mark, CRLF, tabs, duplicate keys and files with an error on every line.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeText, lineRangeOf } from '../../server/src/ide/analysis';
import type { FindingsReport } from '../../server/src/ide/report';
import { MAX_ERRORS, parse } from '../../server/src/syntax';
import { ROOT } from '../harness/paths';
import { runCli } from '../harness/run-cli';
import { checkInput } from './check-input';

const HEADER = 'AWSTemplateFormatVersion: "2010-09-09"\n';
const VPC = `${HEADER}Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: 10.0.0.0/16\n`;
const MISTAKES = readFileSync(join(ROOT, 'examples', 'endpoint-mistakes.yaml'), 'utf8');

function findingsOf(text: string, file = 't.yaml', maxLength?: number): { rule: string; severity: string; message: string; range: readonly [number, number] }[] {
  return analyzeText(file, text, maxLength !== undefined ? { limits: { maxLength } } : {}).findings.map(({ rule, severity, message, range }) => ({ rule, severity, message, range }));
}

/** One sentence: a capital, no sentence break inside, a full stop at the end. */
function assertOneSentence(message: string): void {
  assert.match(message, /^[A-Z]/, message);
  assert.match(message, /\.$/, message);
  assert.doesNotMatch(message.slice(0, -1), /[.!?]\s/, `one sentence: ${message}`);
}

/** Exactly one finding, of the syntax rule, with this message; and the run is within the fuzzer's bound. */
function assertOneLimitFinding(text: string, message: string | RegExp, file = 't.yaml'): void {
  const findings = findingsOf(text, file);
  assert.equal(findings.length, 1, JSON.stringify(findings.slice(0, 3)));
  const [finding] = findings;
  assert.equal(finding?.rule, 'template-syntax-error');
  if (typeof message === 'string') assert.equal(finding?.message, message);
  else assert.match(finding?.message ?? '', message);
  assertOneSentence(finding?.message ?? '');
  assert.deepEqual(checkInput(file, text).problems, []);
}

describe('limits', function () {
  // Several cases build and read files of megabytes; the bound that matters is checkInput's CPU time.
  this.timeout(60_000);
  describe('file size', () => {
    it('skips a template over 5 MB with one information finding', () => {
      const text = `${VPC}Description: "${'x'.repeat(5 * 1024 * 1024)}"\n`;
      const findings = findingsOf(text);
      assert.deepEqual(findings, [{ rule: 'template-syntax-error', severity: 'info', message: 'The file is larger than 5 MB, so it was not analysed.', range: [0, 0] }]);
    });

    it('takes the limit from the options, and says which limit it was', () => {
      const text = `${VPC}Description: "${'x'.repeat(2048)}"\n`;
      assert.deepEqual(findingsOf(text, 't.yaml', 1024).map((finding) => `${finding.severity} ${finding.message}`), ['info The file is larger than 1 KB, so it was not analysed.']);
      assert.deepEqual(findingsOf(text, 't.yaml', 1024 * 1024), []);
    });

    it('stays silent on a large file that is not a template', () => {
      assert.deepEqual(findingsOf(`[${'1,'.repeat(3 * 1024 * 1024)}1]`, 'data.json'), []);
    });

    it('takes the limit from --max-file-size in the CLI', () => {
      const directory = mkdtempSync(join(tmpdir(), 'cfn-network-lens-limits-'));
      writeFileSync(join(directory, 'big.yaml'), `${VPC}Description: "${'x'.repeat(4096)}"\n`);
      const result = runCli(['check', directory, '--format', 'json', '--max-file-size', '0.002']);
      assert.equal(result.status, 0, result.stderr);
      const report = JSON.parse(result.stdout) as FindingsReport;
      assert.deepEqual(report.findings.map((finding) => `${finding.severity} ${finding.rule}: ${finding.message}`), ['info template-syntax-error: The file is larger than 2 KB, so it was not analysed.']);
    });
  });

  describe('aliases', () => {
    it('stops a billion laughs at the alias budget with one finding', () => {
      let text = `${HEADER}a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n`;
      let previous = 'a';
      for (const name of 'bcdefghij') {
        text += `${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]\n`;
        previous = name;
      }
      assertOneLimitFinding(text, 'Aliases expand to more than 100000 nodes, so it was not analysed past this point.');
    });

    it('reads thirty thousand aliases of one anchor in linear time', () => {
      const text = `${HEADER}A: &a [x, y]\nB: [${'*a, '.repeat(30_000)}]\n`;
      assert.deepEqual(checkInput('t.yaml', text).problems, []);
    });
  });

  describe('nesting', () => {
    const deep = 'The file nests collections deeper than 200 levels, so it was not analysed past this point.';
    const styles: readonly [string, string, string][] = [
      ['JSON objects', 't.json', `{"AWSTemplateFormatVersion": "2010-09-09", "Resources": ${'{"a": '.repeat(5000)}1${'}'.repeat(5000)}}`],
      ['JSON arrays', 't.json', `{"AWSTemplateFormatVersion": "2010-09-09", "Resources": ${'['.repeat(5000)}${']'.repeat(5000)}}`],
      ['YAML flow collections', 't.yaml', `${HEADER}Resources: ${'{a: ['.repeat(2500)}x${']}'.repeat(2500)}\n`],
      ['unclosed flow collections', 't.yaml', `${HEADER}Resources: ${'['.repeat(5000)}\n`],
      ['compact block sequences (- - - x)', 't.yaml', `${HEADER}Resources:\n  ${'- '.repeat(5000)}x\n`],
      ['explicit keys (? ? ? x)', 't.yaml', `${HEADER}Resources:\n  ${'? '.repeat(5000)}x\n`],
      ['indented block maps', 't.yaml', `${HEADER}${Array.from({ length: 600 }, (_, i) => `${' '.repeat(i)}a${i}:`).join('\n')}\n`],
      ['short-form tags', 't.yaml', `${HEADER}Resources: ${'!If ['.repeat(5000)}x${']'.repeat(5000)}\n`],
      ['brackets after a quote inside a plain scalar', 't.yaml', `${HEADER}Description: it's\nResources: ${'['.repeat(5000)}\n`],
    ];
    for (const [style, file, text] of styles) {
      it(`refuses 5,000-deep ${style} with one finding, before the YAML composer recurses`, () => {
        assertOneLimitFinding(text, deep, file);
        assert.equal(parse(text).root, undefined);
      });
    }

    it('reads 200 levels, the limit itself', () => {
      const text = `{"AWSTemplateFormatVersion": "2010-09-09", "Resources": ${'['.repeat(198)}${']'.repeat(198)}}`;
      assert.deepEqual(parse(text).errors, []);
    });
  });

  describe('binary and unusual text', () => {
    it('does not analyse binary data an editor opened (a NUL in the first 8 KB), as the CLI skips binary files', () => {
      const png = readFileSync(join(ROOT, 'images', 'icon.png')).toString('latin1');
      const analysis = analyzeText('icon.yaml', png);
      assert.deepEqual(analysis.findings, []);
      assert.equal(analysis.files.get('icon.yaml')?.isTemplate, false);
      assert.equal(parse(png).binary, true);
      assert.deepEqual(findingsOf(`${VPC}\u0000\n`), []);
    });

    it('reports a NUL character past the first 8 KB of a template as a syntax error at its place', () => {
      const text = `${VPC}Description: "${'x'.repeat(9000)}"\nMetadata: a\u0000b\n`;
      const findings = findingsOf(text);
      assert.equal(findings.length, 1);
      assert.equal(findings[0]?.message, 'YAML syntax error: the file contains a NUL character, which YAML and JSON do not allow, so CloudFormation will reject the template.');
      assert.deepEqual(findings[0]?.range, [text.indexOf('\u0000'), text.indexOf('\u0000') + 1]);
    });

    it('reads replacement characters and lone surrogates (invalid UTF-8 as an editor decodes it) without a finding', () => {
      assert.deepEqual(findingsOf(`${VPC}Description: caf\uFFFD \uD800 \uDFFF \u202E\n`), []);
    });

    it('gives a template with a byte order mark the same findings, one character later', () => {
      const plain = findingsOf(MISTAKES);
      assert.ok(plain.length > 0);
      const withBom = findingsOf(`\uFEFF${MISTAKES}`);
      assert.deepEqual(
        withBom.map((finding) => ({ ...finding, range: [finding.range[0] - 1, finding.range[1] - 1] })),
        plain,
      );
      const json = '\uFEFF{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}}}}';
      assert.deepEqual(findingsOf(json, 't.json'), []);
    });

    it('gives a template with CRLF line endings the same findings on the same lines and columns', () => {
      const crlf = MISTAKES.replace(/\n/g, '\r\n');
      const position = (text: string) => {
        const analysis = analyzeText('t.yaml', text);
        return analysis.findings.map((finding) => ({ rule: finding.rule, message: finding.message, range: lineRangeOf(analysis, 't.yaml', finding.range) }));
      };
      assert.deepEqual(position(crlf), position(MISTAKES));
    });

    it('reports tabs that indent YAML, and reads JSON indented with tabs', () => {
      const tabs = findingsOf(`${HEADER}Resources:\n\tVpc:\n\t\tType: AWS::EC2::VPC\n`);
      assert.deepEqual([...new Set(tabs.map((finding) => finding.message))], ['YAML syntax error: tabs cannot indent YAML; use spaces, so CloudFormation will reject the template.']);
      assert.deepEqual(findingsOf('{\n\t"AWSTemplateFormatVersion": "2010-09-09",\n\t"Resources": {\n\t\t"Vpc": {"Type": "AWS::EC2::VPC"}\n\t}\n}\n', 't.json'), []);
    });
  });

  describe('duplicate keys', () => {
    const duplicate = 'Duplicate key Vpc: CloudFormation rejects templates that repeat a key, and only the first one is analysed.';
    it('reports a repeated logical id in YAML and JSON as a template-syntax-error', () => {
      assertOneLimitFinding(`${VPC}  Vpc:\n    Type: AWS::EC2::Subnet\n`, duplicate);
      const json = '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"Vpc": {"Type": "AWS::EC2::VPC"}, "Vpc": {"Type": "AWS::EC2::Subnet"}}}';
      assertOneLimitFinding(json, 'Duplicate key "Vpc": CloudFormation rejects templates that repeat a key, and only the first one is analysed.', 't.json');
    });

    it('tells keys apart as YAML does: 1 and "1" differ, a quoted and a plain key are the same', () => {
      assert.equal(parse('a: 1\n"a": 2\n').errors[0]?.kind, 'duplicate-key');
      assert.deepEqual(parse('1: a\n"1": b\n').errors, []);
    });

    it('reads a map of twenty thousand distinct keys in linear time', () => {
      const text = `${HEADER}${Array.from({ length: 20_000 }, (_, i) => `k${i}: 1\n`).join('')}`;
      assert.deepEqual(parse(text).errors, []);
      assert.deepEqual(checkInput('t.yaml', text).problems, []);
    });
  });

  describe('files with an error on every line', () => {
    const cases: readonly [string, string][] = [
      ['closing brackets', ']\n'],
      ['tab indentation', '\ta: 1\n'],
      ['repeated keys', 'a: 1\n'],
      ['unknown tags', 'x: !Nope a\n'],
    ];
    for (const [name, line] of cases) {
      it(`lists the first ${MAX_ERRORS} errors of 20,000 ${name} and says how many more follow`, () => {
        const text = `${HEADER}${line.repeat(20_000)}`;
        const findings = findingsOf(text);
        assert.equal(findings.length, MAX_ERRORS + 1);
        const last = findings[MAX_ERRORS];
        assert.match(last?.message ?? '', /^YAML syntax error: \d+ more errors follow from here and are not listed, so CloudFormation will reject the template\.$/);
        const listed = findings.slice(0, MAX_ERRORS).every((finding) => finding.range[0] <= (last?.range[0] ?? 0));
        assert.ok(listed, 'the listed errors come first');
        assert.deepEqual(checkInput('t.yaml', text).problems, []);
      });
    }
  });
});
