/**
 * `editsForIntents` locates intents that do not depend on each other on one parse and re-parses
 * only when an intent needs the result of an earlier one. Whatever it batches, its result must be
 * the text that applying the intents one at a time, each on a fresh parse, gives.
 */
import { strict as assert } from 'node:assert';
import { nodeAtPath, parse, type Node, type NodePath } from '../../../server/src/syntax';
import { applyEdits, editsForIntents, type EditableFile } from '../../../server/src/ide/edit';
import type { EditIntent, TemplateValue } from '../../../server/src/rules/rule';
import { CASES } from './edit-cases';
import { loadFixture } from './edit-harness';

/**
 * The text after applying `intents` one at a time, each located again by its path in the original;
 * a resource added after the same resource as an earlier one goes after that earlier one.
 */
function oneByOne(original: EditableFile, intents: readonly EditIntent[]): string {
  let text = original.text;
  const lastAfter = new Map<string, string>();
  for (const given of intents) {
    let intent = given;
    if (intent.kind === 'addResource' && intent.after !== undefined) {
      const previous = lastAfter.get(intent.after);
      lastAfter.set(intent.after, intent.logicalId);
      if (previous !== undefined) intent = { ...intent, after: previous };
    }
    const current: EditableFile = { file: original.file, text, parse: parse(text) };
    const moved = relocate(intent, original, current);
    if (moved === undefined) continue;
    text = applyEdits(text, editsForIntents(current, [moved]));
  }
  return text;
}

function relocate(intent: EditIntent, from: EditableFile, to: EditableFile): EditIntent | undefined {
  const again = (node: Node): Node | undefined => nodeAtPath(to.parse.root, pathOf(from.parse.root, node) ?? ['missing']);
  switch (intent.kind) {
    case 'replaceNode': {
      const node = again(intent.node);
      return node && { ...intent, node };
    }
    case 'appendToList': {
      const list = again(intent.list);
      return list && { ...intent, list };
    }
    case 'removeListItem':
      return undefined;
    default:
      return intent;
  }
}

function pathOf(root: Node | undefined, target: Node, path: NodePath = []): NodePath | undefined {
  if (root === undefined) return undefined;
  if (root === target) return path;
  if (root.kind === 'map') {
    for (const pair of root.pairs) {
      const found = pair.value && pathOf(pair.value, target, [...path, String(pair.key.value)]);
      if (found) return found;
    }
  }
  if (root.kind === 'seq') {
    for (const [index, item] of root.items.entries()) {
      const found = pathOf(item, target, [...path, index]);
      if (found) return found;
    }
  }
  return undefined;
}

/** Every list of the file that has items, with an item of the same kind as its last one. */
function listsWithItems(file: EditableFile): { list: Node; value: (index: number) => TemplateValue }[] {
  const found: { list: Node; value: (index: number) => TemplateValue }[] = [];
  const walk = (node: Node | undefined): void => {
    if (node === undefined) return;
    if (node.kind === 'seq') {
      const last = node.items[node.items.length - 1];
      if (last !== undefined) {
        found.push({
          list: node,
          value: last.kind === 'map' ? (index) => ({ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: `10.9.${index}.0/24` }) : (index) => `subnet-0000${index}`,
        });
      }
      node.items.forEach(walk);
    }
    if (node.kind === 'map') for (const pair of node.pairs) walk(pair.value);
  };
  walk(file.parse.root);
  return found;
}

const FIXTURES = [...new Set(CASES.map((testCase) => testCase.fixture))];

describe('editsForIntents batching', () => {
  for (const fixture of FIXTURES) {
    describe(fixture, () => {
      const file = loadFixture(fixture);

      // Only fixtures with a list that has items: appending to an empty one is no continuation.
      const lists = listsWithItems(file);
      if (lists.length > 0) it(`appends a dozen items to each of its ${lists.length} lists as one item at a time would`, () => {
        for (const { list, value } of lists) {
          const intents: EditIntent[] = Array.from({ length: 12 }, (_, index) => ({ kind: 'appendToList', file: file.file, list, value: value(index) }));
          assert.equal(applyEdits(file.text, editsForIntents(file, intents)), oneByOne(file, intents));
        }
      });

      it('applies every case of the fixture together, with appends in between, as one at a time would', () => {
        const intents = CASES.filter((testCase) => testCase.fixture === fixture)
          .flatMap((testCase) => testCase.intents(file))
          .filter((intent) => intent.kind !== 'removeListItem');
        const lists = listsWithItems(file);
        const mixed = intents.flatMap((intent, index) => {
          const extra = lists[index % Math.max(1, lists.length)];
          return extra ? [intent, { kind: 'appendToList' as const, file: file.file, list: extra.list, value: extra.value(index) }] : [intent];
        });
        assert.equal(applyEdits(file.text, editsForIntents(file, mixed)), oneByOne(file, mixed));
      });

      it('adds resources after the same resource, and sets values on it, as one at a time would', () => {
        const resources = nodeAtPath(file.parse.root, ['Resources']);
        const first = resources?.kind === 'map' ? resources.pairs[0] : undefined;
        assert.ok(first, `${fixture} has no resource`);
        const anchor = String(first.key.value);
        const added = (logicalId: string): EditIntent => ({
          kind: 'addResource',
          file: file.file,
          logicalId,
          after: anchor,
          value: { Type: 'AWS::EC2::SecurityGroupIngress', Properties: { GroupId: { Ref: anchor }, IpProtocol: 'tcp', FromPort: 443, ToPort: 443 } },
        });
        const intents: EditIntent[] = [
          added('FirstIngress'),
          { kind: 'setResourceValue', file: file.file, logicalId: anchor, path: ['Metadata', 'Note'], value: 'batched' },
          added('SecondIngress'),
          { kind: 'addIgnore', file: file.file, logicalId: anchor, ruleId: 'endpoint-single-az' },
          { kind: 'setResourceValue', file: file.file, logicalId: anchor, path: ['Properties', 'Tags'], value: [{ Key: 'k', Value: 'v' }] },
          added('ThirdIngress'),
        ];
        assert.equal(applyEdits(file.text, editsForIntents(file, intents)), oneByOne(file, intents));
      });

      it('adds a dozen resources after the same resource in the order given, as one at a time would', () => {
        const resources = nodeAtPath(file.parse.root, ['Resources']);
        const pairs = resources?.kind === 'map' ? resources.pairs : [];
        for (const anchor of [pairs[0], pairs[pairs.length - 1]]) {
          assert.ok(anchor, `${fixture} has no resource`);
          const after = String(anchor.key.value);
          const intents: EditIntent[] = Array.from({ length: 12 }, (_, index) => ({ kind: 'addResource', file: file.file, logicalId: `Added${index}`, after, value: { Type: 'AWS::SNS::Topic' } }));
          const output = applyEdits(file.text, editsForIntents(file, intents));
          assert.equal(output, oneByOne(file, intents));
          const order = [...output.matchAll(/Added(\d+)/g)].map((match) => Number(match[1]));
          assert.deepEqual(order, Array.from({ length: 12 }, (_, index) => index));
        }
      });
    });
  }
});
