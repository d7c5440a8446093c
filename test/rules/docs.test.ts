/**
 * Docs are tested: every rule of the registry has its source file, its documentation page and its
 * fixtures (and nothing exists without a rule); each page's front matter equals the rule's metadata;
 * every `## Incorrect` example triggers the rule and every `## Correct` example does not; and the
 * rules table is what `npm run docs:rules` generates.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText } from '../../server/src/ide/analysis';
import { allRules } from '../../server/src/rules';
import { renderRulesIndex } from '../../scripts/rule-docs';
import { FIXTURES, ROOT } from '../harness/paths';

const DOCS = join(ROOT, 'docs', 'rules');
const SOURCES = join(ROOT, 'server', 'src', 'rules');
const NOT_RULES = new Set(['README.md', 'TEMPLATE.md']);

/** The front matter fields of a page. */
function frontMatter(text: string): Record<string, string> {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
  assert.ok(match, 'the page starts with front matter');
  const fields: Record<string, string> = {};
  for (const line of (match[1] ?? '').split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) fields[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return fields;
}

/** The yaml code blocks under a `## <heading>` section. */
function examples(text: string, heading: string): string[] {
  const section = text.split(/^## /m).find((part) => part.startsWith(`${heading}\n`));
  if (!section) return [];
  return [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
}

describe('rule docs', () => {
  it('lists the same rules in the registry, the sources, the docs and the fixtures', () => {
    const ids = allRules.map((rule) => rule.meta.id);
    assert.deepEqual([...ids].sort(), ids, 'the registry is sorted by id');
    assert.equal(new Set(ids).size, ids.length, 'rule ids are unique');
    const docs = readdirSync(DOCS).filter((name) => name.endsWith('.md') && !NOT_RULES.has(name)).map((name) => name.slice(0, -3)).sort();
    assert.deepEqual(docs, [...ids].sort(), 'docs/rules/<id>.md for exactly the registered rules');
    const fixtures = readdirSync(join(FIXTURES, 'rules')).sort();
    assert.deepEqual(fixtures, [...ids].sort(), 'test/fixtures/rules/<id>/ for exactly the registered rules');
    for (const id of ids) assert.ok(existsSync(join(SOURCES, `${id}.ts`)), `server/src/rules/${id}.ts exists`);
  });

  it('has a generated rules table that is up to date', () => {
    assert.equal(readFileSync(join(DOCS, 'README.md'), 'utf8'), renderRulesIndex(allRules.map((rule) => rule.meta)), 'run npm run docs:rules');
  });

  for (const rule of allRules) {
    describe(rule.meta.id, () => {
      const path = join(DOCS, `${rule.meta.id}.md`);
      const text = existsSync(path) ? readFileSync(path, 'utf8') : '';

      it('has front matter equal to the rule metadata', () => {
        const fields = frontMatter(text);
        assert.deepEqual(fields, {
          id: rule.meta.id,
          description: rule.meta.description,
          category: rule.meta.category,
          severity: rule.meta.defaultSeverity,
          fixable: String(rule.meta.fixable),
        });
        assert.ok(text.includes(`\n# ${rule.meta.id}\n`), 'the page title is the rule id');
      });

      it('reports on every incorrect example', () => {
        const blocks = examples(text, 'Incorrect');
        assert.ok(blocks.length > 0, 'at least one incorrect example');
        blocks.forEach((block, index) => {
          const findings = analyzeText(`${rule.meta.id}-incorrect-${index}.yaml`, block).findings.filter((finding) => finding.rule === rule.meta.id);
          assert.ok(findings.length > 0, `incorrect example ${index + 1} gives a finding of ${rule.meta.id}`);
        });
      });

      it('is silent on every correct example', () => {
        const blocks = examples(text, 'Correct');
        assert.ok(blocks.length > 0, 'at least one correct example');
        blocks.forEach((block, index) => {
          const findings = analyzeText(`${rule.meta.id}-correct-${index}.yaml`, block).findings.filter((finding) => finding.rule === rule.meta.id || finding.rule === 'template-syntax-error');
          assert.deepEqual(findings.map((finding) => finding.message), [], `correct example ${index + 1} gives no finding of ${rule.meta.id}`);
        });
      });
    });
  }
});
