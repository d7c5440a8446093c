/**
 * Glob patterns as the `cfnNetworkLens.exclude` setting and the project file's `ignore` list write
 * them: `**` spans folders, `*` and `?` stay within one name, `{a,b}` is a choice and `[...]` a
 * character class. A pattern matches a whole path, a trailing part of it that starts at a folder
 * boundary (unless the pattern starts with `/`), or a folder that contains the file.
 *
 * Patterns come from settings and project files that a repository ships, so matching must not
 * depend on what they are: a pattern is compiled to a small automaton that reads a path once,
 * keeping the set of places the pattern can be at, in time proportional to the length of the path
 * times the length of the pattern (a regular expression would backtrack exponentially on `*a*a*a*b`).
 */

/** A compiled glob. */
export interface Glob {
  /** Whether the path (with `/` separators) matches. */
  test(path: string): boolean;
}

/**
 * A glob compiled for matching. Undefined for an empty or malformed pattern (an unclosed `{` or
 * `[`, or a bad character class), which callers drop instead of failing the analysis.
 */
export function compileGlob(pattern: string): Glob | undefined {
  if (compiled.has(pattern)) return compiled.get(pattern);
  const glob = compile(pattern);
  // Patterns are few, but matched against every file of a workspace.
  if (compiled.size >= 1000) compiled.clear();
  compiled.set(pattern, glob);
  return glob;
}

/** Whether a path (with `/` separators) matches any of the patterns. */
export function matchesAnyGlob(path: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => compileGlob(pattern)?.test(path) === true);
}

const compiled = new Map<string, Glob | undefined>();

/** More alternatives than this from `{…}` choices make a pattern malformed. */
const MAX_ALTERNATIVES = 256;

/** One step of a pattern without choices. */
type Step =
  | { readonly kind: 'char'; readonly char: string }
  /** `?`: one character of a name. */
  | { readonly kind: 'one' }
  /** `*`: any characters of one name. */
  | { readonly kind: 'star' }
  /** `**` before a `/`: any number of whole folders, including none. */
  | { readonly kind: 'folders' }
  /** `**` elsewhere: anything at all. */
  | { readonly kind: 'all' }
  | { readonly kind: 'class'; readonly matches: RegExp };

/** A pattern as read: steps, and choices between sequences of them. */
type Part = Step | { readonly kind: 'choice'; readonly options: readonly (readonly Part[])[] };

function compile(pattern: string): Glob | undefined {
  const glob = pattern.trim().replace(/\/+$/, '');
  if (glob === '') return undefined;
  const parts = parse(glob);
  if (!parts) return undefined;
  const alternatives = expand(parts);
  if (!alternatives) return undefined;
  const anchored = glob.startsWith('/');
  return { test: (path) => alternatives.some((steps) => run(steps, path, anchored)) };
}

/** The parts of a pattern, or undefined when it is malformed. */
function parse(glob: string): Part[] | undefined {
  // A stack of open choices: the options read so far and the sequence being read.
  const stack: { options: Part[][]; current: Part[] }[] = [];
  let current: Part[] = [];
  for (let index = 0; index < glob.length; index++) {
    const char = glob.charAt(index);
    if (char === '*' && glob.charAt(index + 1) === '*') {
      const folders = glob.charAt(index + 2) === '/';
      current.push({ kind: folders ? 'folders' : 'all' });
      index += folders ? 2 : 1;
    } else if (char === '*') current.push({ kind: 'star' });
    else if (char === '?') current.push({ kind: 'one' });
    else if (char === '{') {
      stack.push({ options: [], current });
      current = [];
    } else if (char === ',' && stack.length > 0) {
      const open = stack[stack.length - 1] as { options: Part[][] };
      open.options.push(current);
      current = [];
    } else if (char === '}' && stack.length > 0) {
      const open = stack.pop() as { options: Part[][]; current: Part[] };
      open.options.push(current);
      current = open.current;
      current.push({ kind: 'choice', options: open.options });
    } else if (char === '[') {
      const close = glob.indexOf(']', index + 2);
      if (close < 0) return undefined;
      const body = glob.slice(index + 1, close).replace(/\\/g, '\\\\').replace(/]/g, '\\]').replace(/^!/, '^');
      let matches: RegExp;
      try {
        matches = new RegExp(`^[${body}]$`);
      } catch {
        return undefined;
      }
      current.push({ kind: 'class', matches });
      index = close;
    } else current.push({ kind: 'char', char });
  }
  return stack.length > 0 ? undefined : current;
}

/** The sequences of steps the choices allow, or undefined when there are too many. */
function expand(parts: readonly Part[]): Step[][] | undefined {
  let sequences: Step[][] = [[]];
  for (const part of parts) {
    if (part.kind !== 'choice') {
      for (const sequence of sequences) sequence.push(part);
      continue;
    }
    const options: Step[][] = [];
    for (const option of part.options) {
      const expanded = expand(option);
      if (!expanded) return undefined;
      options.push(...expanded);
    }
    if (sequences.length * options.length > MAX_ALTERNATIVES) return undefined;
    sequences = sequences.flatMap((sequence) => options.map((option) => [...sequence, ...option]));
  }
  return sequences;
}

/**
 * Whether the steps match the path from position 0 (or after any `/` unless anchored) up to its end
 * or a `/`. The automaton's states are "before step i" (`2i`) and "inside a folder name of the
 * `**` and `/` at step i" (`2i + 1`); `2n` accepts.
 */
function run(steps: readonly Step[], path: string, anchored: boolean): boolean {
  const accept = 2 * steps.length;
  let states = new Set<number>();
  const add = (set: Set<number>, state: number): void => {
    // Follow the steps that can match nothing.
    while (!set.has(state)) {
      set.add(state);
      const step = state % 2 === 0 ? steps[state / 2] : undefined;
      if (!step || (step.kind !== 'star' && step.kind !== 'folders' && step.kind !== 'all')) return;
      state += 2;
    }
  };
  add(states, 0);
  for (let position = 0; ; position++) {
    if (states.has(accept) && (position === path.length || path.charAt(position) === '/')) return true;
    if (position === path.length) return false;
    const char = path.charAt(position);
    const next = new Set<number>();
    for (const state of states) {
      if (state % 2 === 1) {
        add(next, char === '/' ? state - 1 : state);
        continue;
      }
      const step = steps[state / 2];
      if (!step) continue;
      switch (step.kind) {
        case 'char':
          if (char === step.char) add(next, state + 2);
          break;
        case 'one':
          if (char !== '/') add(next, state + 2);
          break;
        case 'class':
          if (step.matches.test(char)) add(next, state + 2);
          break;
        case 'star':
          if (char !== '/') add(next, state);
          break;
        case 'folders':
          add(next, char === '/' ? state : state + 1);
          break;
        case 'all':
          add(next, state);
          break;
      }
    }
    if (!anchored && char === '/') add(next, 0);
    if (next.size === 0 && anchored) return false;
    states = next;
  }
}
