/**
 * Data-driven rule tests over `test/fixtures/rules/<rule-id>/`: every `invalid-*` fixture's findings
 * of that rule match its caret annotations exactly (position, length, severity, message, fix flag),
 * every `valid-*` fixture gives none, and the JSON twin of each fixture gives the same findings.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText, type Analysis } from '../../server/src/ide/analysis';
import { applyEdits } from '../../server/src/ide/edit';
import { fixesFor, preferredEdits } from '../../server/src/ide/fixes';
import { parse, type Node } from '../../server/src/syntax';
import { ruleById, type Finding } from '../../server/src/rules';
import { parseAnnotations, stripAnnotations, type Annotation } from '../harness/annotations';
import { expectGolden } from '../harness/golden';
import { toJsonTwin } from '../harness/json-twin';
import { FIXTURES } from '../harness/paths';

const RULES_DIR = join(FIXTURES, 'rules');

/** The fixtures of one rule directory: `valid-*` and `invalid-*` YAML files, without fix goldens. */
export function fixtureFiles(directory: string): string[] {
  return readdirSync(directory)
    .filter((name) => /^(valid|invalid)-.*\.ya?ml$/.test(name) && !name.includes('.fixed.'))
    .sort();
}

function describeFinding(finding: Finding, text: string): string {
  const before = text.slice(0, finding.range[0]);
  const line = before.split('\n').length - 1;
  const column = finding.range[0] - (before.lastIndexOf('\n') + 1);
  return `${line + 1}:${column} ${finding.severity} ${finding.rule}: ${finding.message}`;
}

function describeAnnotation(annotation: Annotation): string {
  return `${annotation.line + 1}:${annotation.column} ${annotation.severity} ${annotation.rule}: ${annotation.message}`;
}

/** The text after applying the preferred fixes of `findings` (edits in `file` only). */
function fixedText(analysis: Analysis, file: string, findings: readonly Finding[]): string {
  const edits = preferredEdits(analysis, findings).filter((entry) => entry.file === file).flatMap((entry) => entry.edits);
  return applyEdits(analysis.files.get(file)?.text ?? '', edits);
}

/** Findings as `rule: message`, the part that does not move when a fix shifts lines. */
function signatures(findings: readonly Finding[]): string[] {
  return findings.map((finding) => `${finding.rule}: ${finding.message}`).sort();
}

/** Findings in `after` that were not in `before`. */
function newFindings(before: readonly Finding[], after: readonly Finding[]): string[] {
  const remaining = signatures(before);
  const added: string[] = [];
  for (const signature of signatures(after)) {
    const index = remaining.indexOf(signature);
    if (index >= 0) remaining.splice(index, 1);
    else added.push(signature);
  }
  return added;
}

/**
 * The tree as plain data, to compare a fixed YAML template with its fixed JSON twin; the two forms
 * of `Fn::GetAtt` (`A.B` and `[A, B]`) count as one.
 */
function plain(node: Node | undefined): unknown {
  if (!node) return undefined;
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(plain);
  const only = node.pairs.length === 1 ? node.pairs[0] : undefined;
  if (only?.key.value === 'Fn::GetAtt' && only.value.kind === 'scalar' && typeof only.value.value === 'string' && only.value.value.includes('.')) {
    const text = only.value.value;
    return { 'Fn::GetAtt': [text.slice(0, text.indexOf('.')), text.slice(text.indexOf('.') + 1)] };
  }
  return Object.fromEntries(node.pairs.map((pair) => [pair.key.value, plain(pair.value)]));
}

/** Whether a finding and an annotation denote the same thing. */
function matches(finding: Finding, annotation: Annotation, text: string, fixable: boolean): boolean {
  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i < annotation.line; i++) offset += (lines[i]?.length ?? 0) + 1;
  const start = offset + annotation.column;
  if (finding.range[0] !== start) return false;
  const lineEnd = offset + (lines[annotation.line]?.replace(/\r$/, '').length ?? 0);
  const expectedEnd = start + annotation.length;
  // A range that continues past its first line is marked up to that line's end.
  const end = finding.range[1] > lineEnd ? lineEnd : finding.range[1];
  return end === expectedEnd && finding.severity === annotation.severity && finding.message === annotation.message && annotation.fix === fixable;
}

/**
 * When a finding of the rule has a preferred fix, `invalid-x.fixed.yaml` is what applying the
 * preferred fixes to the fixture (without its annotations) writes, byte for byte; the fixed file has
 * no finding of the rule and no finding that was not there before; the JSON twin fixed the same way
 * is the same template.
 */
function checkFixes(ruleId: string, name: string, annotated: string): void {
  const text = stripAnnotations(annotated);
  const file = `test/fixtures/rules/${ruleId}/${name}`;
  const analysis = analyzeText(file, text);
  const findings = analysis.findings.filter((finding) => finding.rule === ruleId);
  const goldenPath = join(RULES_DIR, ruleId, name.replace(/\.ya?ml$/, '.fixed.yaml'));
  const hasPreferred = findings.some((finding) => fixesFor(analysis, finding).some((fix) => fix.preferred));
  if (!hasPreferred) {
    assert.ok(!existsSync(goldenPath), `${goldenPath} exists but no finding has a preferred fix`);
    return;
  }
  const fixed = fixedText(analysis, file, findings);
  expectGolden(goldenPath, fixed);
  const after = analyzeText(file, fixed);
  // The findings with a preferred fix are gone; a finding without one (a hint) may stay as it was.
  const fixedMessages = findings.filter((finding) => fixesFor(analysis, finding).some((fix) => fix.preferred)).map((finding) => finding.message);
  const remaining = after.findings.filter((finding) => finding.rule === ruleId).map((finding) => finding.message);
  assert.deepEqual(remaining.filter((message) => fixedMessages.includes(message)), [], 'the fix removes the finding');
  assert.ok(remaining.length <= findings.length - fixedMessages.length, 'the fix removes as many findings as it fixes');
  assert.deepEqual(newFindings(analysis.findings, after.findings), [], 'the fix introduces no new finding');

  const twinFile = `${file}.json`;
  const twin = analyzeText(twinFile, toJsonTwin(text));
  const twinFixed = fixedText(twin, twinFile, twin.findings.filter((finding) => finding.rule === ruleId));
  assert.doesNotThrow(() => JSON.parse(twinFixed), 'the fixed JSON twin is valid JSON');
  const twinAfter = analyzeText(twinFile, twinFixed);
  assert.deepEqual(twinAfter.findings.filter((finding) => finding.rule === ruleId && fixedMessages.includes(finding.message)).map((finding) => finding.message), [], 'the fix removes the finding from the JSON twin');
  assert.deepEqual(plain(parse(twinFixed).root), plain(parse(fixed).root), 'YAML and JSON are fixed into the same template');
}

describe('rule fixtures', () => {
  const directories = existsSync(RULES_DIR) ? readdirSync(RULES_DIR).sort() : [];

  it('has a fixture directory for known rules only', () => {
    for (const directory of directories) assert.ok(ruleById(directory), `test/fixtures/rules/${directory} does not name a rule`);
  });

  for (const ruleId of directories) {
    const rule = ruleById(ruleId);
    if (!rule) continue;
    describe(ruleId, () => {
      const files = fixtureFiles(join(RULES_DIR, ruleId));
      it('has valid and invalid fixtures', () => {
        assert.ok(files.some((file) => file.startsWith('valid-')), 'no valid-* fixture');
        assert.ok(files.some((file) => file.startsWith('invalid-')), 'no invalid-* fixture');
      });
      for (const name of files) {
        it(name, () => {
          const path = join(RULES_DIR, ruleId, name);
          const text = readFileSync(path, 'utf8');
          const analysis = analyzeText(`test/fixtures/rules/${ruleId}/${name}`, text);
          const findings = analysis.findings.filter((finding) => finding.rule === ruleId);
          if (ruleId !== 'template-syntax-error') {
            const syntax = analysis.findings.filter((finding) => finding.rule === 'template-syntax-error');
            assert.deepEqual(syntax.map((finding) => finding.message), [], 'the fixture itself must parse');
          }
          const internal = analysis.findings.filter((finding) => finding.rule === 'internal-error');
          assert.deepEqual(internal.map((finding) => finding.message), [], 'no rule may fail');
          if (name.startsWith('valid-')) {
            assert.deepEqual(findings.map((finding) => describeFinding(finding, text)), [], 'a valid fixture gives no finding of its rule');
          } else {
            const annotations = parseAnnotations(text).filter((annotation) => annotation.rule === ruleId);
            assert.ok(annotations.length > 0, 'an invalid fixture needs at least one annotation of its rule');
            const unmatched = [...annotations];
            const unexpected: Finding[] = [];
            for (const finding of findings) {
              const index = unmatched.findIndex((annotation) => matches(finding, annotation, text, fixesFor(analysis, finding).length > 0));
              if (index >= 0) unmatched.splice(index, 1);
              else unexpected.push(finding);
            }
            assert.deepEqual(
              { unexpected: unexpected.map((finding) => describeFinding(finding, text)), missing: unmatched.map(describeAnnotation) },
              { unexpected: [], missing: [] },
              'findings and annotations differ',
            );
            checkFixes(ruleId, name, text);
          }
          if (ruleId !== 'template-syntax-error') {
            const twin = analyzeText(`test/fixtures/rules/${ruleId}/${name}.json`, toJsonTwin(text));
            const key = (finding: Finding) => `${finding.severity} ${finding.path.join('/')}`;
            assert.deepEqual(
              twin.findings.filter((finding) => finding.rule === ruleId).map(key).sort(),
              findings.map(key).sort(),
              'the JSON twin gives the same findings',
            );
          }
        });
      }
    });
  }
});
