/**
 * Helpers for the edit tests: loading a fixture as an editable file, finding nodes by path, an
 * independent model of what intents mean on plain data (to check that the edited text says what the
 * intents asked for), and the count of original lines that an edit did not keep byte for byte.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodeAtPath, parse, type Node, type NodePath } from '../../../server/src/syntax';
import type { EditIntent, TemplateValue } from '../../../server/src/rules/rule';
import type { EditableFile } from '../../../server/src/ide/edit';
import { FIXTURES } from '../../harness/paths';

export const EDIT_FIXTURES = join(FIXTURES, 'edit');

export function loadFixture(name: string): EditableFile {
  const text = readFileSync(join(EDIT_FIXTURES, name), 'utf8');
  return { file: name, text, parse: parse(text) };
}

/** The node at `path`; throws so that a mistyped path fails the test that uses it. */
export function nodeAt(file: EditableFile, ...path: (string | number)[]): Node {
  const node = nodeAtPath(file.parse.root, path);
  if (node === undefined) throw new Error(`${file.file} has no node at ${path.join('.')}`);
  return node;
}

/**
 * A parsed tree as plain data, intrinsics in long form, with `Fn::GetAtt: "A.B"` (what `!GetAtt A.B`
 * reads as) written as the equivalent `["A", "B"]`.
 */
export function toPlain(node: Node | undefined): unknown {
  if (node === undefined) return undefined;
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.map(toPlain);
    case 'map': {
      const object: Record<string, unknown> = {};
      for (const pair of node.pairs) {
        const key = String(pair.key.value);
        const value = toPlain(pair.value);
        object[key] = key === 'Fn::GetAtt' && typeof value === 'string' && value.includes('.') ? [value.slice(0, value.indexOf('.')), value.slice(value.indexOf('.') + 1)] : value;
      }
      return object;
    }
  }
}

const REMOVED = Symbol('removed');
type Plain = Record<string, unknown>;

/**
 * What the template should hold after `intents`, computed on plain data. List indexes and nodes
 * refer to the original template, as rules produce them.
 */
export function expectedTemplate(file: EditableFile, intents: readonly EditIntent[]): unknown {
  const root = file.parse.root;
  const data = structuredClone(toPlain(root)) as Plain;
  for (const intent of intents) {
    switch (intent.kind) {
      case 'replaceNode':
        setAt(data, pathOf(root, intent.node), intent.value);
        break;
      case 'setResourceValue':
        setCreating(data, ['Resources', intent.logicalId, ...intent.path], intent.value);
        break;
      case 'appendToList': {
        const path = pathOf(root, intent.list);
        const current = getAt(data, path);
        if (Array.isArray(current)) current.push(intent.value);
        else setAt(data, path, current === null ? [intent.value] : [current as TemplateValue, intent.value]);
        break;
      }
      case 'removeListItem': {
        const list = getAt(data, pathOf(root, intent.list));
        if (Array.isArray(list)) list[intent.index] = REMOVED;
        break;
      }
      case 'removeResourceKey': {
        const path = ['Resources', intent.logicalId, ...intent.path];
        for (let depth = path.length; depth > 2; depth--) {
          const parent = getAt(data, path.slice(0, depth - 1)) as Plain;
          delete parent[path[depth - 1] as string];
          if (Object.keys(parent).length > 0) break;
        }
        break;
      }
      case 'addResource': {
        const resources = (data['Resources'] ??= {}) as Plain;
        resources[intent.logicalId] ??= intent.value;
        break;
      }
      case 'addIgnore': {
        const owner = (intent.logicalId === undefined ? data : getAt(data, ['Resources', intent.logicalId])) as Plain;
        const metadata = (owner['Metadata'] ??= {}) as Plain;
        const lens = (metadata['cfn-network-lens'] ??= {}) as Plain;
        const ignore = lens['ignore'];
        if (ignore === undefined || ignore === null) lens['ignore'] = [intent.ruleId];
        else if (Array.isArray(ignore)) {
          if (!ignore.includes(intent.ruleId)) ignore.push(intent.ruleId);
        } else if (ignore !== intent.ruleId) lens['ignore'] = [ignore, intent.ruleId];
        break;
      }
    }
  }
  return dropRemoved(data);
}

function pathOf(root: Node | undefined, target: Node): NodePath {
  const found = root && search(root, []);
  if (!found) throw new Error('intent node is not in the fixture');
  return found;
  function search(node: Node, path: NodePath): NodePath | undefined {
    if (node === target) return path;
    if (node.kind === 'map') for (const pair of node.pairs) {
      const result = search(pair.value, [...path, String(pair.key.value)]);
      if (result) return result;
    }
    if (node.kind === 'seq') for (const [index, item] of node.items.entries()) {
      const result = search(item, [...path, index]);
      if (result) return result;
    }
    return undefined;
  }
}

function getAt(data: unknown, path: NodePath): unknown {
  let current = data;
  for (const step of path) current = (current as Record<string | number, unknown>)[step];
  return current;
}

function setAt(data: Plain, path: NodePath, value: TemplateValue): void {
  const parent = getAt(data, path.slice(0, -1)) as Record<string | number, unknown>;
  parent[path[path.length - 1] as string | number] = structuredClone(value);
}

function setCreating(data: Plain, path: readonly string[], value: TemplateValue): void {
  let current = data;
  for (const step of path.slice(0, -1)) {
    const next = current[step];
    current = (next !== null && typeof next === 'object' ? next : (current[step] = {})) as Plain;
  }
  current[path[path.length - 1] as string] = structuredClone(value);
}

function dropRemoved(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((item) => item !== REMOVED).map(dropRemoved);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, dropRemoved(item)]));
  }
  return value;
}

/** The lines of a text, each with its line break. */
export function linesOf(text: string): string[] {
  return text.split(/(?<=\n)/).filter((line) => line !== '');
}

/**
 * The original lines that do not survive byte for byte (line break included) in the edited text,
 * in order: the original lines minus a longest common subsequence of the two texts' lines.
 */
export function changedOriginalLines(before: string, after: string): string[] {
  const a = linesOf(before);
  const b = linesOf(after);
  const lengths: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      const row = lengths[i] as number[];
      row[j] = a[i] === b[j] ? (lengths[i + 1]?.[j + 1] ?? 0) + 1 : Math.max(lengths[i + 1]?.[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  const changed: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length) {
    if (j < b.length && a[i] === b[j]) {
      i++;
      j++;
    } else if (j < b.length && (lengths[i]?.[j + 1] ?? 0) >= (lengths[i + 1]?.[j] ?? 0)) {
      j++;
    } else {
      changed.push(a[i] as string);
      i++;
    }
  }
  return changed;
}
