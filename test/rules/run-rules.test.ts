/**
 * The rule runner: a rule that throws becomes one internal finding per template naming it while the
 * other rules still report; severities are set and rules turned off; suppressions in Metadata hold.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText } from '../../server/src/ide/analysis';
import { allRules, ruleById, type Rule } from '../../server/src/rules';
import { ROOT } from '../harness/paths';

const EXAMPLE = readFileSync(join(ROOT, 'examples', 'endpoint-mistakes.yaml'), 'utf8');

const THROWING: Rule = {
  meta: { id: 'always-throws', description: 'A rule that fails, for the test.', category: 'template', defaultSeverity: 'error', fixable: false },
  check() {
    throw new TypeError('cannot read properties of undefined');
  },
};

describe('rule runner', () => {
  it('turns a rule that throws into one internal finding naming it, and keeps the others', () => {
    const errors: string[] = [];
    const analysis = analyzeText('example.yaml', EXAMPLE, { rules: [THROWING, ...allRules], onRuleError: (id) => errors.push(id) });
    const internal = analysis.findings.filter((finding) => finding.rule === 'internal-error');
    assert.equal(internal.length, 1);
    assert.match(internal[0]?.message ?? '', /^Rule "always-throws" failed on this template \(cannot read properties of undefined\)/);
    assert.deepEqual(errors, ['always-throws']);
    assert.ok(analysis.findings.some((finding) => finding.rule === 'endpoint-type-property-mismatch'), 'the other rules still report');
  });

  it('sets severities and turns rules off', () => {
    const analysis = analyzeText('example.yaml', EXAMPLE, { severities: { 'endpoint-uses-default-sg': 'error', 'endpoint-type-property-mismatch': 'off' } });
    assert.ok(!analysis.findings.some((finding) => finding.rule === 'endpoint-type-property-mismatch'));
    assert.equal(analysis.findings.find((finding) => finding.rule === 'endpoint-uses-default-sg')?.severity, 'error');
  });

  it('honours Metadata suppressions on a resource and on the template', () => {
    const resource = EXAMPLE.replace('  StsEndpoint:\n    Type: AWS::EC2::VPCEndpoint\n', '  StsEndpoint:\n    Type: AWS::EC2::VPCEndpoint\n    Metadata:\n      cfn-network-lens:\n        ignore: [endpoint-uses-default-sg]\n');
    assert.ok(!analyzeText('a.yaml', resource).findings.some((finding) => finding.rule === 'endpoint-uses-default-sg'));
    const template = `Metadata:\n  cfn-network-lens:\n    ignore:\n      - endpoint-subnets-share-az\n${EXAMPLE}`;
    const findings = analyzeText('b.yaml', template).findings;
    assert.ok(!findings.some((finding) => finding.rule === 'endpoint-subnets-share-az'));
    assert.ok(findings.some((finding) => finding.rule === 'endpoint-uses-default-sg'), 'other rules still report');
    assert.ok(ruleById('endpoint-subnets-share-az'));
  });
});
