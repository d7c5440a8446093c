/**
 * Template conditions as Boolean formulas over `Fn::Equals` atoms, and whether a combination of
 * condition values can happen at all. Two atoms that compare one parameter with different literals
 * cannot both hold; `AllowedValues` and pinned parameter values narrow a parameter further.
 * Parameter defaults do not pin conditions: the template author ships every branch.
 */
import { isIntrinsicKey, scalarText, type Node } from '../syntax';
import { evaluate, type EvalEnv } from './evaluate';
import { literalString } from './values';

export type Formula =
  | { readonly kind: 'const'; readonly value: boolean }
  /** `subject` (a parameter or pseudo parameter) equals `value`. */
  | { readonly kind: 'eq'; readonly subject: string; readonly value: string }
  /** An atom the analysis cannot look into; it may be true or false. */
  | { readonly kind: 'opaque'; readonly id: string }
  | { readonly kind: 'not'; readonly operand: Formula }
  | { readonly kind: 'and' | 'or'; readonly operands: readonly Formula[] }
  /** Another condition, by its qualified key `file#name`. */
  | { readonly kind: 'condition'; readonly key: string };

/** The conditions of one template, with what is known about the parameters they compare. */
export interface TemplateConditions {
  readonly file: string;
  /** Formula of each condition by name. */
  readonly formulas: ReadonlyMap<string, Formula>;
  /** Values a subject may take, from `AllowedValues` or pinned parameter values. */
  readonly domains: ReadonlyMap<string, readonly string[]>;
}

/** Build the formulas of a template's `Conditions` section. */
export function buildConditions(env: EvalEnv): TemplateConditions {
  const template = env.template;
  const file = template.file;
  const formulas = new Map<string, Formula>();
  const domains = new Map<string, string[]>();
  for (const [name, parameter] of template.parameters) {
    const subject = `param:${file}#${name}`;
    const pinned = env.parameters?.get(name);
    const pinnedText = pinned ? literalString(pinned) : undefined;
    if (pinnedText !== undefined) domains.set(subject, [pinnedText]);
    else if (parameter.allowedValues) domains.set(subject, [...parameter.allowedValues]);
  }
  if (env.region) domains.set(`pseudo:${file}#AWS::Region`, [env.region]);
  for (const [name, declaration] of template.conditions) formulas.set(name, toFormula(declaration.node, env, 0));
  return { file, formulas, domains };
}

function toFormula(node: Node | undefined, env: EvalEnv, depth: number): Formula {
  const file = env.template.file;
  if (node === undefined || depth > 32) return { kind: 'opaque', id: `invalid:${file}:${node?.range[0] ?? -1}` };
  if (node.kind === 'scalar') {
    const text = scalarText(node)?.toLowerCase();
    if (text === 'true' || text === 'false') return { kind: 'const', value: text === 'true' };
    return { kind: 'opaque', id: `invalid:${file}:${node.range[0]}` };
  }
  if (node.kind !== 'map' || node.pairs.length !== 1) return { kind: 'opaque', id: `invalid:${file}:${node.range[0]}` };
  const pair = node.pairs[0];
  const key = String(pair?.key.value ?? '');
  const arg = pair?.value;
  const operands = arg?.kind === 'seq' ? arg.items : [];
  switch (key) {
    case 'Condition': {
      const name = scalarText(arg);
      return name !== undefined ? { kind: 'condition', key: `${file}#${name}` } : { kind: 'opaque', id: `invalid:${file}:${node.range[0]}` };
    }
    // A function with the wrong number of operands is rejected by CloudFormation: its value is not guessed.
    case 'Fn::Not':
      return operands.length === 1 ? { kind: 'not', operand: toFormula(operands[0], env, depth + 1) } : { kind: 'opaque', id: `invalid:${file}:${node.range[0]}` };
    case 'Fn::And':
    case 'Fn::Or':
      if (operands.length < 2 || operands.length > 10) return { kind: 'opaque', id: `invalid:${file}:${node.range[0]}` };
      return { kind: key === 'Fn::And' ? 'and' : 'or', operands: operands.map((operand) => toFormula(operand, env, depth + 1)) };
    case 'Fn::Equals':
      return operands.length === 2 ? equalsFormula(operands[0], operands[1], env) : { kind: 'opaque', id: `invalid:${file}:${node.range[0]}` };
    default:
      return { kind: 'opaque', id: `invalid:${file}:${node.range[0]}` };
  }
}

type Side = { readonly subject: string } | { readonly literal: string } | { readonly opaque: string };

function equalsFormula(left: Node | undefined, right: Node | undefined, env: EvalEnv): Formula {
  const a = sideOf(left, env);
  const b = sideOf(right, env);
  if ('literal' in a && 'literal' in b) return { kind: 'const', value: a.literal === b.literal };
  if ('subject' in a && 'literal' in b) return { kind: 'eq', subject: a.subject, value: b.literal };
  if ('literal' in a && 'subject' in b) return { kind: 'eq', subject: b.subject, value: a.literal };
  const id = [a, b].map((side) => ('subject' in side ? side.subject : 'literal' in side ? `=${side.literal}` : side.opaque)).sort().join('==');
  return { kind: 'opaque', id };
}

function sideOf(node: Node | undefined, env: EvalEnv): Side {
  const file = env.template.file;
  if (node?.kind === 'map' && node.pairs.length === 1 && node.pairs[0]?.key.value === 'Ref') {
    const name = scalarText(node.pairs[0].value) ?? '';
    if (env.template.parameters.has(name)) {
      const pinned = env.parameters?.get(name);
      const pinnedText = pinned ? literalString(pinned) : undefined;
      return pinnedText !== undefined ? { literal: pinnedText } : { subject: `param:${file}#${name}` };
    }
    if (name.startsWith('AWS::')) return env.region && name === 'AWS::Region' ? { literal: env.region } : { subject: `pseudo:${file}#${name}` };
  }
  if (node?.kind === 'map' && node.pairs.length === 1 && isIntrinsicKey(String(node.pairs[0]?.key.value))) {
    const value = evaluate(node, env);
    const text = literalString(value);
    if (text !== undefined) return { literal: text };
    return { opaque: `expr:${file}:${node.range[0]}` };
  }
  const text = scalarText(node);
  return text !== undefined ? { literal: text } : { opaque: `expr:${file}:${node?.range[0] ?? -1}` };
}

/** All conditions of the workspace, by file. */
export type ConditionUniverse = ReadonlyMap<string, TemplateConditions>;

const OTHER = '\u0000other';
const MAX_VALUATIONS = 4096;

/**
 * Answers of `isSatisfiable` per universe. A universe is built once per analysis and every rule (and
 * every endpoint a rule explores) asks about the same combinations, which can each cost thousands of
 * valuations; the weak map lets the answers go with the universe.
 */
const satisfiableAnswers = new WeakMap<ConditionUniverse, Map<string, boolean>>();

/**
 * Whether some parameter values make every condition in `assignment` (keys `file#name`) take the
 * given value. Past a bound on the combinations to try, the answer is "yes" (do not prune).
 */
export function isSatisfiable(universe: ConditionUniverse, assignment: ReadonlyMap<string, boolean>): boolean {
  const key = [...assignment].map(([name, value]) => `${name}=${value ? 1 : 0}`).sort().join('\u0000');
  let answers = satisfiableAnswers.get(universe);
  if (!answers) satisfiableAnswers.set(universe, (answers = new Map()));
  let answer = answers.get(key);
  if (answer === undefined) answers.set(key, (answer = decideSatisfiable(universe, assignment)));
  return answer;
}

function decideSatisfiable(universe: ConditionUniverse, assignment: ReadonlyMap<string, boolean>): boolean {
  const formulas = new Map<string, Formula | undefined>();
  // The search below looks conditions up once per valuation; resolving each key once keeps that cheap.
  const resolve = (key: string): Formula | undefined => {
    if (!formulas.has(key)) formulas.set(key, lookup(universe, key));
    return formulas.get(key);
  };
  const constraints: { formula: Formula; value: boolean }[] = [];
  for (const [key, value] of assignment) {
    const formula = resolve(key);
    if (formula) constraints.push({ formula, value });
  }
  if (constraints.length === 0) return true;
  const subjects = new Map<string, Set<string>>();
  const opaque = new Set<string>();
  const seen = new Set<string>();
  const collectAtoms = (formula: Formula, depth: number): void => {
    if (depth > 32) return;
    switch (formula.kind) {
      case 'eq': {
        let values = subjects.get(formula.subject);
        if (!values) subjects.set(formula.subject, (values = new Set()));
        values.add(formula.value);
        break;
      }
      case 'opaque':
        opaque.add(formula.id);
        break;
      case 'not':
        collectAtoms(formula.operand, depth + 1);
        break;
      case 'and':
      case 'or':
        for (const operand of formula.operands) collectAtoms(operand, depth + 1);
        break;
      case 'condition': {
        if (seen.has(formula.key)) break;
        seen.add(formula.key);
        const target = resolve(formula.key);
        if (target) collectAtoms(target, depth + 1);
        break;
      }
      case 'const':
        break;
    }
  };
  for (const { formula } of constraints) collectAtoms(formula, 0);

  const dimensions: { name: string; values: readonly string[] }[] = [];
  for (const [subject, compared] of subjects) {
    const file = subject.slice(subject.indexOf(':') + 1, subject.lastIndexOf('#'));
    const domain = universe.get(file)?.domains.get(subject);
    dimensions.push({ name: subject, values: domain ?? [...compared, OTHER] });
  }
  for (const id of opaque) dimensions.push({ name: `opaque:${id}`, values: ['true', 'false'] });
  let combinations = 1;
  for (const dimension of dimensions) {
    combinations *= Math.max(1, dimension.values.length);
    if (combinations > MAX_VALUATIONS) return true;
  }

  const valuation = new Map<string, string>();
  const holds = (formula: Formula, depth: number): boolean => {
    if (depth > 32) return false;
    switch (formula.kind) {
      case 'const':
        return formula.value;
      case 'eq':
        return valuation.get(formula.subject) === formula.value;
      case 'opaque':
        return valuation.get(`opaque:${formula.id}`) === 'true';
      case 'not':
        return !holds(formula.operand, depth + 1);
      case 'and':
        return formula.operands.every((operand) => holds(operand, depth + 1));
      case 'or':
        return formula.operands.some((operand) => holds(operand, depth + 1));
      case 'condition': {
        const target = resolve(formula.key);
        return target ? holds(target, depth + 1) : false;
      }
    }
  };
  const search = (index: number): boolean => {
    if (index === dimensions.length) return constraints.every(({ formula, value }) => holds(formula, 0) === value);
    const dimension = dimensions[index];
    if (!dimension) return false;
    for (const value of dimension.values) {
      valuation.set(dimension.name, value);
      if (search(index + 1)) return true;
    }
    return false;
  };
  return search(0);
}

function lookup(universe: ConditionUniverse, key: string): Formula | undefined {
  const hash = key.lastIndexOf('#');
  return universe.get(key.slice(0, hash))?.formulas.get(key.slice(hash + 1));
}
