/**
 * `editsForIntents(file, intents)`: the edit intents of a fix, written into one file as text edits
 * in the file's own style. Intents are applied in order, each on the text the previous ones left
 * (re-parsed when it names what they changed), so that two intents on the same resource compose as a person would write them: two
 * values set under a missing `Properties` create one `Properties`, two items removed from one list
 * remove the two items the rule meant. The result is one set of non-overlapping edits on the
 * original text. Intents for other files are ignored; an intent whose target no longer exists, or
 * that would not change anything (a value already set, an id already ignored), adds no edit.
 */
import { parse, plainValueOf, scalarText, type Node, type NodePath, type ParseResult } from '../../syntax';
import type { EditIntent, TemplateValue } from '../../rules/rule';
import { applyEdits } from './apply';
import { composeEdits } from './compose';
import { jsonWriter } from './json-edits';
import { entriesSeparatedByBlankLines } from './layout';
import { holdsShared, isShared, keyName, locate, pathOfNode, sameValue, startsWithPath, type Located } from './node-paths';
import { detectStyle } from './style';
import type { TextEdit } from './text-edit';
import type { EditDocument, PairPlacement, StructureWriter } from './writer';
import { yamlWriter } from './yaml-edits';

/** What the edits need of a file; `FileAnalysis` is one. */
export interface EditableFile {
  readonly file: string;
  readonly text: string;
  /** The parse of `text` whose nodes the intents refer to. */
  readonly parse: ParseResult;
}

/** The key under which intents that ignore a rule keep their rule ids. */
export const IGNORE_PATH: readonly string[] = ['Metadata', 'cfn-network-lens', 'ignore'];

/** The order of a template's top-level sections, used to place a section that is added. */
const SECTION_ORDER = ['AWSTemplateFormatVersion', 'Description', 'Metadata', 'Parameters', 'Rules', 'Mappings', 'Conditions', 'Transform', 'Resources', 'Outputs'];

/** Resource attributes in the order templates usually write them, after `Type` and before `Properties`. */
const RESOURCE_ATTRIBUTES = ['Condition', 'DependsOn', 'DeletionPolicy', 'UpdateReplacePolicy', 'Metadata'];

/** An intent with its nodes turned into paths, so that it can be found again in a re-parsed tree. */
type Target =
  | { readonly kind: 'replace'; readonly path: NodePath; readonly value: TemplateValue }
  | { readonly kind: 'set'; readonly owner: NodePath; readonly path: readonly string[]; readonly value: TemplateValue }
  | { readonly kind: 'append'; readonly path: NodePath; readonly value: TemplateValue }
  | { readonly kind: 'removeItem'; readonly path: NodePath; readonly index: number }
  | { readonly kind: 'removeKey'; readonly owner: NodePath; readonly path: readonly string[] }
  | { readonly kind: 'addResource'; readonly logicalId: string; readonly after: string | undefined; readonly value: TemplateValue }
  | { readonly kind: 'addIgnore'; readonly owner: NodePath; readonly ruleId: string };

/** How an applied intent moved or removed the nodes that later intents may name. */
type PathEffect =
  | { readonly kind: 'none' }
  /** The node at `path` and everything below it are gone. */
  | { readonly kind: 'removed'; readonly path: NodePath }
  /** The node at `path` was rewritten: what was below it is gone. */
  | { readonly kind: 'replaced'; readonly path: NodePath }
  /** An item left a list: later items move up by one. */
  | { readonly kind: 'itemRemoved'; readonly path: NodePath; readonly index: number }
  /** A single value became the first item of a list at the same path. */
  | { readonly kind: 'wrapped'; readonly path: NodePath };

interface Step {
  readonly edits: TextEdit[];
  readonly effect: PathEffect;
}

const NO_STEP: Step = { edits: [], effect: { kind: 'none' } };

/** The text edits that carry out `intents` on `file`, in offsets of `file.text`. */
export function editsForIntents(file: EditableFile, intents: readonly EditIntent[]): TextEdit[] {
  const style = detectStyle(file.parse);
  const aliased = file.parse.aliases !== undefined;
  // A node that YAML aliases repeat stands at several paths, and the intent does not say which one it means.
  const pathOf = (node: Node): NodePath | undefined => (aliased && isShared(file.parse.root, node) ? undefined : pathOfNode(file.parse.root, node));
  let targets = chainAdditions(intents.filter((intent) => intent.file === file.file).map((intent) => toTarget(intent, pathOf)));
  let doc: EditDocument = { text: file.text, root: file.parse.root, style, aliased };
  let edits: TextEdit[] = [];
  // Steps computed on `doc` that neither name each other's nodes nor touch each other's text: the
  // same as applying them one by one, so the text is parsed again only when a step needs the
  // result of an earlier one (re-parsing after every step made fixes with dozens of intents slow).
  let batch: BatchEntry[] = [];
  const flush = (next: number): void => {
    if (batch.length === 0) return;
    const batchEdits = batch.flatMap((entry) => entry.step.edits);
    edits = composeEdits(file.text, edits, batchEdits);
    const text = applyEdits(doc.text, batchEdits);
    const remaining = targets.slice(next).some((later) => later !== undefined);
    doc = { text, root: remaining ? parse(text).root : undefined, style, aliased };
    for (const { step } of batch) targets = targets.map((later, position) => (position >= next && later !== undefined ? followEffect(later, step.effect) : later));
    batch = [];
  };
  for (let index = 0; index < targets.length; index++) {
    const first = targets[index];
    if (first === undefined) continue;
    const regions = regionsOf(first);
    const related = batch.filter((entry) => entry.regions.some((region) => regions.some((mine) => pathsRelated(region, mine))));
    const last = batch[batch.length - 1];
    if (last !== undefined && related.length === 1 && related[0] === last) {
      const continued = continueEntry(doc, last, first);
      if (continued === 'nothing') continue;
      if (continued !== undefined) {
        batch[batch.length - 1] = continued;
        continue;
      }
    }
    if (related.length > 0) flush(index);
    let target = targets[index];
    if (target === undefined) continue;
    let step = runTarget(doc, target);
    if (step.edits.length === 0) continue;
    if (batch.some((earlier) => editsTouch(earlier.step.edits, step.edits))) {
      flush(index);
      target = targets[index];
      if (target === undefined) continue;
      step = runTarget(doc, target);
      if (step.edits.length === 0) continue;
    }
    batch.push({ target, step, regions: step.effect.kind === 'none' ? regionsOf(target) : [...regionsOf(target), step.effect.path], anchor: target.kind === 'addResource' ? target.after : undefined });
  }
  flush(targets.length);
  return edits;
}

interface BatchEntry {
  readonly target: Target;
  readonly step: Step;
  readonly regions: readonly NodePath[];
  /** For an added resource, the resource of `doc` it goes after (its chain's first anchor). */
  readonly anchor: string | undefined;
}

/**
 * Resources added after the same resource go one after another, in the order given, as a person
 * adds them: each later one goes after the one added before it.
 */
function chainAdditions(targets: readonly (Target | undefined)[]): (Target | undefined)[] {
  const lastAfter = new Map<string, string>();
  return targets.map((target) => {
    if (target?.kind !== 'addResource' || target.after === undefined) return target;
    const previous = lastAfter.get(target.after);
    lastAfter.set(target.after, target.logicalId);
    return previous === undefined ? target : { ...target, after: previous };
  });
}

/**
 * `next` as a continuation of the last step, when it inserts right where that step inserted: an
 * item appended after the items appended before it, a resource added after the one added before
 * it. The two insertions become one, computed on the same parse. `'nothing'` when `next` changes
 * nothing; undefined when it is no continuation, or the last step did more than insert (it wrapped
 * a value in a list, filled an empty one, created the `Resources` section), so that `next` must see
 * its result.
 */
function continueEntry(doc: EditDocument, last: BatchEntry, next: Target): BatchEntry | 'nothing' | undefined {
  let located: Target;
  if (last.target.kind === 'append' && next.kind === 'append' && samePath(last.target.path, next.path)) located = next;
  else if (last.target.kind === 'addResource' && next.kind === 'addResource' && next.after === last.target.logicalId && last.anchor !== undefined) located = { ...next, after: last.anchor };
  else return undefined;
  const step = runTarget(doc, located);
  if (step.edits.length === 0) return 'nothing';
  const [before] = last.step.edits;
  const [after] = step.edits;
  if (last.step.edits.length !== 1 || step.edits.length !== 1 || before === undefined || after === undefined) return undefined;
  if (last.step.effect.kind !== 'none' || step.effect.kind !== 'none') return undefined;
  const [start, end] = before.range;
  if (start !== end || after.range[0] !== start || after.range[1] !== end) return undefined;
  return {
    target: next,
    step: { edits: [{ range: [start, end], newText: before.newText + after.newText }], effect: { kind: 'none' } },
    regions: [...last.regions, ...regionsOf(next)],
    anchor: last.anchor,
  };
}

/**
 * The parts of the tree a target reads and writes: two targets whose regions are disjoint (neither
 * is a prefix of the other) can be located on the same tree. Setting or removing a key below a
 * resource claims the whole first key (`Properties`), since missing maps on the way are created;
 * adding a resource claims its own name and the resource it goes after.
 */
function regionsOf(target: Target): NodePath[] {
  switch (target.kind) {
    case 'replace':
    case 'append':
    case 'removeItem':
      return [target.path];
    case 'set':
    case 'removeKey':
      return [[...target.owner, ...target.path.slice(0, 1)]];
    case 'addResource':
      return target.after === undefined ? [['Resources', target.logicalId]] : [['Resources', target.logicalId], ['Resources', target.after]];
    case 'addIgnore':
      return [[...target.owner, 'Metadata']];
  }
}

function samePath(a: NodePath, b: NodePath): boolean {
  return a.length === b.length && startsWithPath(a, b);
}

function pathsRelated(a: NodePath, b: NodePath): boolean {
  return startsWithPath(a, b) || startsWithPath(b, a);
}

/** Whether two sets of edits on one text overlap or meet (an insertion where the other starts or ends). */
function editsTouch(a: readonly TextEdit[], b: readonly TextEdit[]): boolean {
  return a.some((first) => b.some((second) => first.range[0] <= second.range[1] && second.range[0] <= first.range[1]));
}

function toTarget(intent: EditIntent, pathOf: (node: Node) => NodePath | undefined): Target | undefined {
  switch (intent.kind) {
    case 'replaceNode': {
      const path = pathOf(intent.node);
      return path && { kind: 'replace', path, value: intent.value };
    }
    case 'appendToList': {
      const path = pathOf(intent.list);
      return path && { kind: 'append', path, value: intent.value };
    }
    case 'removeListItem': {
      const path = pathOf(intent.list);
      return path && { kind: 'removeItem', path, index: intent.index };
    }
    case 'setResourceValue':
      return { kind: 'set', owner: ['Resources', intent.logicalId], path: intent.path, value: intent.value };
    case 'removeResourceKey':
      return { kind: 'removeKey', owner: ['Resources', intent.logicalId], path: intent.path };
    case 'addResource':
      return { kind: 'addResource', logicalId: intent.logicalId, after: intent.after, value: intent.value };
    case 'addIgnore':
      return { kind: 'addIgnore', owner: intent.logicalId === undefined ? [] : ['Resources', intent.logicalId], ruleId: intent.ruleId };
  }
}

function writerFor(doc: EditDocument): StructureWriter {
  return doc.style.format === 'json' ? jsonWriter : yamlWriter;
}

function runTarget(doc: EditDocument, target: Target): Step {
  switch (target.kind) {
    case 'replace': {
      const found = locate(doc.root, target.path);
      if (found === undefined || sameValue(plainValueOf(found.node), target.value) || sharedBelow(doc, found.node)) return NO_STEP;
      const keep = found.node.kind === 'scalar' ? found.node.style : undefined;
      return { edits: writerFor(doc).writeValue(doc, found, target.value, keep), effect: { kind: 'replaced', path: target.path } };
    }
    case 'set': {
      const owner = locate(doc.root, target.owner);
      return owner ? setBelow(doc, owner, target.path, target.value) : NO_STEP;
    }
    case 'append': {
      const found = locate(doc.root, target.path);
      if (found === undefined) return NO_STEP;
      const wraps = found.node.kind !== 'seq' && !isEmptyValue(found.node);
      return { edits: writerFor(doc).appendItem(doc, found, target.value), effect: wraps ? { kind: 'wrapped', path: target.path } : { kind: 'none' } };
    }
    case 'removeItem': {
      const found = locate(doc.root, target.path);
      const item = found?.node.kind === 'seq' ? found.node.items[target.index] : undefined;
      if (found === undefined || item === undefined || sharedBelow(doc, item)) return NO_STEP;
      return { edits: writerFor(doc).removeItem(doc, found, target.index), effect: { kind: 'itemRemoved', path: target.path, index: target.index } };
    }
    case 'removeKey':
      return removeBelow(doc, target.owner, target.path);
    case 'addResource':
      return addResource(doc, target.logicalId, target.after, target.value);
    case 'addIgnore':
      return addIgnore(doc, target.owner, target.ruleId);
  }
}

/** Set `path` below a map, creating the missing maps on the way; a value that is not a map stops it. */
function setBelow(doc: EditDocument, owner: Located, path: readonly string[], value: TemplateValue): Step {
  let current = owner;
  for (let depth = 0; depth < path.length; depth++) {
    const key = path[depth] as string;
    const node = current.node;
    if (node.kind !== 'map' || node.shortTag) {
      if (!isEmptyValue(node) || node.kind === 'seq' || sharedBelow(doc, node)) return NO_STEP;
      return { edits: writerFor(doc).writeValue(doc, current, nest(path.slice(depth), value)), effect: { kind: 'replaced', path: current.path } };
    }
    const child = locate(doc.root, [...current.path, key]);
    // The key is there, but its value is a YAML alias: it is not written here to be changed.
    if (child === undefined && node.pairs.some((pair) => keyName(pair) === key)) return NO_STEP;
    if (child === undefined) {
      const edits = writerFor(doc).insertPair(doc, current, key, nest(path.slice(depth + 1), value), placementFor(doc, current, key));
      return { edits, effect: { kind: 'none' } };
    }
    if (depth === path.length - 1) {
      if (sameValue(plainValueOf(child.node), value) || sharedBelow(doc, child.node)) return NO_STEP;
      const keep = child.node.kind === 'scalar' ? child.node.style : undefined;
      return { edits: writerFor(doc).writeValue(doc, child, value, keep), effect: { kind: 'replaced', path: child.path } };
    }
    current = child;
  }
  return NO_STEP;
}

/**
 * Remove the key at `path` below `owner`. A map that would be left empty below the owner (a
 * `Properties` whose only key goes) is removed with its key instead of staying as `{}`.
 */
function removeBelow(doc: EditDocument, ownerPath: NodePath, path: readonly string[]): Step {
  const chain: { readonly map: Located; readonly index: number }[] = [];
  let current = locate(doc.root, ownerPath);
  for (const key of path) {
    if (current === undefined || current.node.kind !== 'map') return NO_STEP;
    const index = current.node.pairs.findIndex((pair) => keyName(pair) === key);
    if (index < 0) return NO_STEP;
    chain.push({ map: current, index });
    current = locate(doc.root, [...current.path, key]);
  }
  let level = chain.length - 1;
  while (level > 0 && pairCount(chain[level]?.map.node) === 1) level--;
  const entry = chain[level];
  if (entry === undefined) return NO_STEP;
  // A YAML anchor in what goes would leave its aliases without it.
  const removed = entry.map.node.kind === 'map' ? entry.map.node.pairs[entry.index]?.value : undefined;
  if (removed === undefined || sharedBelow(doc, removed)) return NO_STEP;
  return { edits: writerFor(doc).removePair(doc, entry.map, entry.index), effect: { kind: 'removed', path: [...ownerPath, ...path.slice(0, level + 1)] } };
}

function addResource(doc: EditDocument, logicalId: string, after: string | undefined, value: TemplateValue): Step {
  const root = locate(doc.root, []);
  if (root === undefined) return NO_STEP;
  const resources = locate(doc.root, ['Resources']);
  if (resources === undefined) return setBelow(doc, root, ['Resources', logicalId], value);
  if (resources.node.kind === 'map' && resources.node.pairs.some((pair) => keyName(pair) === logicalId)) return NO_STEP;
  if (resources.node.kind !== 'map' || resources.node.pairs.length === 0) return setBelow(doc, resources, [logicalId], value);
  const afterIndex = after === undefined ? undefined : resources.node.pairs.findIndex((pair) => keyName(pair) === after);
  const placement: PairPlacement = { ...placementFor(doc, resources, logicalId), ...(afterIndex !== undefined && afterIndex >= 0 ? { afterIndex } : {}) };
  return { edits: writerFor(doc).insertPair(doc, resources, logicalId, value, placement), effect: { kind: 'none' } };
}

/** Add `ruleId` to the ignore list of a resource or of the template, unless it is there already. */
function addIgnore(doc: EditDocument, ownerPath: NodePath, ruleId: string): Step {
  const owner = locate(doc.root, ownerPath);
  if (owner === undefined) return NO_STEP;
  const list = locate(doc.root, [...ownerPath, ...IGNORE_PATH]);
  if (list === undefined) return setBelow(doc, owner, IGNORE_PATH, [ruleId]);
  const node = list.node;
  const ids = node.kind === 'seq' ? node.items.map(scalarText) : [scalarText(node)];
  if (ids.includes(ruleId)) return NO_STEP;
  if (node.kind === 'map' && node.pairs.length > 0) return NO_STEP;
  return { edits: writerFor(doc).appendItem(doc, list, ruleId), effect: { kind: 'none' } };
}

/**
 * Where a new key goes: a top-level section in the usual section order, a resource attribute
 * (`DependsOn`, `Metadata`…) after its `Type` and the attributes before it, anything else at the end
 * of its map. Resources are separated by blank
 * lines when the template separates them (or, with a single resource, its sections).
 */
function placementFor(doc: EditDocument, map: Located, key: string): PairPlacement {
  if (map.node.kind !== 'map') return {};
  const pairs = map.node.pairs;
  if (map.path.length === 0 && SECTION_ORDER.includes(key)) {
    const rank = SECTION_ORDER.indexOf(key);
    let afterIndex = -1;
    pairs.forEach((pair, index) => {
      const other = SECTION_ORDER.indexOf(keyName(pair));
      if (other >= 0 && other < rank) afterIndex = index;
    });
    return { afterIndex };
  }
  if (map.path.length === 1 && map.path[0] === 'Resources') {
    const root = doc.root?.kind === 'map' ? doc.root : undefined;
    return { blankLinesFallback: root !== undefined && entriesSeparatedByBlankLines(doc.text, root, false) };
  }
  if (map.path.length === 2 && map.path[0] === 'Resources' && RESOURCE_ATTRIBUTES.includes(key)) {
    // Resource attributes sit between `Type` and `Properties`, in their usual order.
    const rank = RESOURCE_ATTRIBUTES.indexOf(key);
    let afterIndex = pairs.findIndex((pair) => keyName(pair) === 'Type');
    pairs.forEach((pair, index) => {
      const other = RESOURCE_ATTRIBUTES.indexOf(keyName(pair));
      if (other >= 0 && other < rank && index > afterIndex) afterIndex = index;
    });
    return afterIndex >= 0 ? { afterIndex } : {};
  }
  return {};
}

/** `{ a: { b: value } }` for `['a', 'b']`. */
function nest(path: readonly string[], value: TemplateValue): TemplateValue {
  return path.reduceRight<TemplateValue>((inner, key) => ({ [key]: inner }), value);
}

function pairCount(node: Node | undefined): number {
  return node?.kind === 'map' ? node.pairs.length : 0;
}

function isEmptyValue(node: Node): boolean {
  if (node.kind === 'scalar') return node.value === null;
  return node.kind === 'map' ? node.pairs.length === 0 : node.items.length === 0;
}

/** A later target after an intent changed the tree, or undefined when what it names is gone. */
function followEffect(target: Target, effect: PathEffect): Target | undefined {
  switch (target.kind) {
    case 'replace':
    case 'append': {
      const path = followPath(target.path, effect);
      return path && { ...target, path };
    }
    case 'removeItem': {
      const item = followPath([...target.path, target.index], effect);
      const index = item?.[item.length - 1];
      return item && typeof index === 'number' ? { ...target, path: item.slice(0, -1), index } : undefined;
    }
    default:
      return target;
  }
}

function followPath(path: NodePath, effect: PathEffect): NodePath | undefined {
  switch (effect.kind) {
    case 'none':
      return path;
    case 'removed':
      return startsWithPath(path, effect.path) ? undefined : path;
    case 'replaced':
      return startsWithPath(path, effect.path) && path.length > effect.path.length ? undefined : path;
    case 'wrapped':
      return startsWithPath(path, effect.path) && path.length > effect.path.length ? [...effect.path, 0, ...path.slice(effect.path.length)] : path;
    case 'itemRemoved': {
      const depth = effect.path.length;
      if (!startsWithPath(path, effect.path) || path.length === depth) return path;
      const index = path[depth];
      if (typeof index !== 'number' || index < effect.index) return path;
      if (index === effect.index) return undefined;
      return [...effect.path, index - 1, ...path.slice(depth + 1)];
    }
  }
}

/** Whether a node of the subtree is also reached elsewhere through a YAML alias (only possible with aliases). */
function sharedBelow(doc: EditDocument, node: Node): boolean {
  return doc.aliased === true && holdsShared(doc.root, node);
}
