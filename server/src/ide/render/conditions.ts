/**
 * Hovers render the scenario where no condition is decided, and say which conditions the rendered
 * facts depend on. `recordingScenario` is that scenario with a memory: every condition the engine
 * consults while a hover is computed (a conditional resource, an `Fn::If`) is remembered, so that the
 * hover can name them instead of silently showing one branch.
 */
import type { EntityBase } from '../../model';
import type { Scenario } from '../../template';
import { code, listOf } from './markdown';

export interface RecordingScenario {
  readonly scenario: Scenario;
  /** The conditions consulted so far, by name, in the order they were first consulted. */
  readonly consulted: ReadonlySet<string>;
}

/** The scenario that decides nothing, remembering which conditions were asked about. */
export function recordingScenario(): RecordingScenario {
  const consulted = new Set<string>();
  return {
    consulted,
    scenario: {
      condition(_file, name) {
        consulted.add(name);
        return undefined;
      },
    },
  };
}

/** ` (if \`IsProd\`)` after the name of an entity that exists only under a condition. */
export function conditionSuffix(entity: Pick<EntityBase, 'condition'>): string {
  return entity.condition !== undefined ? ` (if ${code(entity.condition)})` : '';
}

/**
 * One sentence saying that what the hover shows depends on conditions, or undefined when it does
 * not. Values that differ between branches are shown as unknown, and conditional resources as present.
 */
export function conditionsNote(recording: RecordingScenario): string | undefined {
  const names = [...recording.consulted];
  if (names.length === 0) return undefined;
  const which = names.length === 1 ? `condition ${code(names[0] as string)}` : `conditions ${listOf(names.map(code))}`;
  return `*Depends on ${which}: shown with ${names.length === 1 ? 'it' : 'them'} undecided, so conditional resources count as present and values that differ between branches are unknown.*`;
}
