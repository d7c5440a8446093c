/**
 * Generates `docs/rules/README.md`, the rule catalogue table, from the rule registry:
 * `npm run docs:rules`. The docs test fails when the file is not what this script writes.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { allRules, type RuleMeta } from '../server/src/rules';

/** The text of `docs/rules/README.md` for these rules. */
export function renderRulesIndex(rules: readonly RuleMeta[]): string {
  const rows = rules.map((rule) => `| [\`${rule.id}\`](${rule.id}.md) | ${rule.description} | ${rule.category} | ${rule.defaultSeverity} | ${rule.fixable ? 'yes' : 'no'} |`);
  return [
    '# Rules',
    '',
    'Every rule cfn-network-lens ships, generated from the rule registry by `npm run docs:rules`.',
    'Severity is the default; set another per rule with the `cfnNetworkLens.rules` setting or `--severity <rule>=<level>` on the command line.',
    'Suppress a rule for one resource by adding its id to the resource\'s `Metadata.cfn-network-lens.ignore` list (or to the template\'s top-level `Metadata` for the whole file).',
    '',
    '| Rule | What it reports | Category | Severity | Quick fix |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

if (require.main === module) {
  const path = join(__dirname, '..', 'docs', 'rules', 'README.md');
  writeFileSync(path, renderRulesIndex(allRules.map((rule) => rule.meta)));
  process.stdout.write(`wrote ${path}\n`);
}
