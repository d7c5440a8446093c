/**
 * The editor features on every template of the public corpus (`test/corpus/`): a hover on every
 * resource's logical id and on a sample of its references, the code lenses, the outline, and
 * completion after every subnet, group, VPC and route table property never throw, and hover markdown
 * never leaves a raw `<…>` outside code spans (VS Code would swallow it as HTML).
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText } from '../../server/src/ide/analysis';
import { codeLenses } from '../../server/src/ide/code-lens';
import { completionsAt } from '../../server/src/ide/completion';
import { definitionAt } from '../../server/src/ide/definition';
import { hoverAt } from '../../server/src/ide/hover';
import { documentSymbols } from '../../server/src/ide/symbols';
import { collectReferences } from '../../server/src/template';
import { CORPUS } from '../harness/paths';

describe('editor features on the corpus', () => {
  for (const folder of ['realworld', 'robustness']) {
    for (const name of readdirSync(join(CORPUS, folder)).sort()) {
      it(`${folder}/${name}`, () => {
        const text = readFileSync(join(CORPUS, folder, name), 'utf8');
        const analysis = analyzeText(name, text);
        const entry = analysis.files.get(name);
        if (!entry?.isTemplate) return;
        const offsets = [...entry.template.resources.values()].map((resource) => resource.keyNode.range[0] + 1);
        // A sample of the references keeps the run short: each request collects them again.
        const references = collectReferences(entry.template);
        const step = Math.max(1, Math.ceil(references.length / 25));
        offsets.push(...references.filter((_reference, index) => index % step === 0).map((reference) => reference.range[0]));
        for (const offset of offsets) {
          const markdown = hoverAt(analysis, name, offset)?.markdown ?? '';
          const outsideCode = markdown.replace(/`[^`]*`/g, '').replace(/\]\([^)]*\)/g, '');
          assert.doesNotMatch(outsideCode, /(?<!\\)<[a-z]/i, `the hover at ${offset} has a raw tag-like text outside code`);
          definitionAt(analysis, name, offset);
        }
        codeLenses(analysis, name);
        documentSymbols(analysis, name);
        for (const match of text.matchAll(/(?:SubnetIds?|Subnets|SecurityGroupIds|VpcId|RouteTableIds?)["']?\s*:\s*/g)) completionsAt(analysis, name, (match.index ?? 0) + match[0].length);
      });
    }
  }
});
