/**
 * Glob patterns as the `cfnNetworkLens.exclude` setting and the project file's `ignore` list write
 * them: `**` spans folders, `*` and `?` stay within one name, `{a,b}` is a choice and `[...]` a
 * character class. A pattern matches a whole path, a trailing part of it that starts at a folder
 * boundary (unless the pattern starts with `/`), or a folder that contains the file.
 */

/**
 * A glob as a regular expression. Undefined for an empty or malformed pattern, which callers drop
 * instead of failing the analysis.
 */
export function globToRegExp(pattern: string): RegExp | undefined {
  if (compiled.has(pattern)) return compiled.get(pattern);
  const regex = compile(pattern);
  // Patterns come from settings and project files: few, but matched against every file of a workspace.
  if (compiled.size >= 1000) compiled.clear();
  compiled.set(pattern, regex);
  return regex;
}

const compiled = new Map<string, RegExp | undefined>();

function compile(pattern: string): RegExp | undefined {
  const glob = pattern.trim().replace(/\/+$/, '');
  if (glob === '') return undefined;
  let source = '';
  let braces = 0;
  for (let index = 0; index < glob.length; index++) {
    const char = glob.charAt(index);
    if (char === '*' && glob.charAt(index + 1) === '*') {
      // `**/` is any number of whole folders, including none; a `**` elsewhere is anything at all.
      const folders = glob.charAt(index + 2) === '/';
      source += folders ? '(?:[^/]*/)*' : '.*';
      index += folders ? 2 : 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else if (char === '{') {
      source += '(?:';
      braces++;
    } else if (char === '}' && braces > 0) {
      source += ')';
      braces--;
    } else if (char === ',' && braces > 0) source += '|';
    else if (char === '[') {
      const close = glob.indexOf(']', index + 2);
      if (close < 0) return undefined;
      source += `[${glob.slice(index + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
      index = close;
    } else source += char.replace(/[.+^$()|\\\]]/g, '\\$&');
  }
  if (braces > 0) return undefined;
  const anchor = glob.startsWith('/') ? '^' : '(?:^|/)';
  try {
    return new RegExp(`${anchor}${source}(?:/.*)?$`);
  } catch {
    return undefined;
  }
}

/** Whether a path (with `/` separators) matches any of the patterns. */
export function matchesAnyGlob(path: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => globToRegExp(pattern)?.test(path) === true);
}
