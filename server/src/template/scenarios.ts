/**
 * Walking the combinations of conditions that a computation actually consults.
 * `exploreScenarios(run)` runs `run` once per satisfiable combination of the conditions it asks
 * about (depth-first, deciding each condition the first time it is consulted), so that a check that
 * never looks at a condition never multiplies by it. Past a bound, the remaining combinations are
 * left unexplored and the result says so.
 */
import type { Scenario } from './evaluate';
import { isSatisfiable, type ConditionUniverse } from './conditions';

export interface ScenarioLeaf<T> {
  /** The conditions this run consulted (`file#name`) and the value each took. */
  readonly assignment: ReadonlyMap<string, boolean>;
  readonly result: T;
}

export interface Exploration<T> {
  readonly leaves: readonly ScenarioLeaf<T>[];
  /** False when the bound stopped the walk before every combination was seen. */
  readonly complete: boolean;
}

export const DEFAULT_MAX_SCENARIOS = 256;

interface Decision {
  readonly key: string;
  value: boolean;
  alternativeOpen: boolean;
}

/** Run `run` under every satisfiable combination of the conditions it consults. */
export function exploreScenarios<T>(
  universe: ConditionUniverse,
  run: (scenario: Scenario) => T,
  maxLeaves: number = DEFAULT_MAX_SCENARIOS,
): Exploration<T> {
  const leaves: ScenarioLeaf<T>[] = [];
  const decisions: Decision[] = [];
  const satisfiableCache = new Map<string, boolean>();
  const satisfiable = (assignment: ReadonlyMap<string, boolean>): boolean => {
    const key = [...assignment].map(([name, value]) => `${name}=${value ? 1 : 0}`).sort().join('&');
    let answer = satisfiableCache.get(key);
    if (answer === undefined) satisfiableCache.set(key, (answer = isSatisfiable(universe, assignment)));
    return answer;
  };
  for (;;) {
    const assignment = new Map<string, boolean>();
    let next = 0;
    const scenario: Scenario = {
      condition(file, name) {
        const key = `${file}#${name}`;
        const known = assignment.get(key);
        if (known !== undefined) return known;
        if (!universe.get(file)?.formulas.has(name)) return undefined;
        const replay = decisions[next];
        if (replay && replay.key === key) {
          next++;
          assignment.set(key, replay.value);
          return replay.value;
        }
        decisions.length = next;
        const whenTrue = satisfiable(new Map([...assignment, [key, true]]));
        const whenFalse = satisfiable(new Map([...assignment, [key, false]]));
        const value = whenTrue || !whenFalse;
        decisions.push({ key, value, alternativeOpen: whenTrue && whenFalse });
        next++;
        assignment.set(key, value);
        return value;
      },
    };
    const result = run(scenario);
    leaves.push({ assignment, result });
    decisions.length = Math.min(decisions.length, next);
    while (decisions.length > 0 && !decisions[decisions.length - 1]?.alternativeOpen) decisions.pop();
    const last = decisions[decisions.length - 1];
    if (!last) return { leaves, complete: true };
    if (leaves.length >= maxLeaves) return { leaves, complete: false };
    last.value = !last.value;
    last.alternativeOpen = false;
  }
}

/** Whether a resource guarded by `condition` exists in the scenario (an undecided condition counts as present). */
export function isPresent(scenario: Scenario, file: string, condition: string | undefined): boolean {
  return condition === undefined || scenario.condition(file, condition) !== false;
}

/** `"IsProd" is true and "HasNat" is false`, for messages. */
export function describeAssignment(assignment: ReadonlyMap<string, boolean>): string {
  const parts = [...assignment].map(([key, value]) => `"${key.slice(key.lastIndexOf('#') + 1)}" is ${value ? 'true' : 'false'}`);
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}
