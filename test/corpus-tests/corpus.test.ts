/**
 * The public template corpus (`test/corpus/`, see its README and MANIFEST.tsv): every file is read
 * without an exception or an internal error, non-CloudFormation files give no finding at all, and a
 * truncated template gives a syntax error plus the findings of the part that parsed.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText } from '../../server/src/ide/analysis';
import { CORPUS, ROOT } from '../harness/paths';

function filesOf(folder: string): string[] {
  return readdirSync(join(CORPUS, folder)).sort();
}

describe('corpus', () => {
  for (const folder of ['realworld', 'robustness', 'not-cloudformation']) {
    describe(folder, () => {
      for (const name of filesOf(folder)) {
        it(`reads ${name}`, () => {
          const text = readFileSync(join(CORPUS, folder, name), 'utf8');
          const analysis = analyzeText(name, text);
          const internal = analysis.findings.filter((finding) => finding.rule === 'internal-error');
          assert.deepEqual(internal.map((finding) => finding.message), []);
          if (folder === 'not-cloudformation') {
            assert.equal(analysis.files.get(name)?.isTemplate, false, 'not detected as a template');
            assert.deepEqual(analysis.findings.map((finding) => `${finding.rule}: ${finding.message}`), []);
          }
          if (folder === 'realworld') {
            assert.equal(analysis.files.get(name)?.isTemplate, true, 'detected as a template');
          }
        });
      }
    });
  }

  it('reports a truncated template as a syntax error plus the findings of the part that parsed', () => {
    const text = readFileSync(join(ROOT, 'examples', 'endpoint-mistakes.yaml'), 'utf8');
    // The file ends in the middle of a flow list, as it does while someone types.
    const truncated = `${text.slice(0, text.indexOf('        - !Ref SubnetA2'))}        - [!Ref Sub`;
    const rules = new Set(analyzeText('truncated.yaml', truncated).findings.map((finding) => finding.rule));
    assert.ok(rules.has('template-syntax-error'), 'a syntax error');
    assert.ok(rules.has('private-dns-needs-vpc-dns'), 'and a finding about the part that parsed');
    assert.ok(rules.has('endpoint-private-dns-without-subnets'));
  });
});
