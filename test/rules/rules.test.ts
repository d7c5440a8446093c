/**
 * Data-driven rule tests over `test/fixtures/rules/<rule-id>/`: every `invalid-*` fixture's findings
 * of that rule match its caret annotations exactly (position, length, severity, message, fix flag),
 * every `valid-*` fixture gives none, and the JSON twin of each fixture gives the same findings.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText } from '../../server/src/ide/analysis';
import { ruleById, type Finding } from '../../server/src/rules';
import { parseAnnotations, type Annotation } from '../harness/annotations';
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
              const index = unmatched.findIndex((annotation) => matches(finding, annotation, text, rule.meta.fixable));
              if (index >= 0) unmatched.splice(index, 1);
              else unexpected.push(finding);
            }
            assert.deepEqual(
              { unexpected: unexpected.map((finding) => describeFinding(finding, text)), missing: unmatched.map(describeAnnotation) },
              { unexpected: [], missing: [] },
              'findings and annotations differ',
            );
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
