/**
 * Reading the settings: from `workspace/configuration` when the client supports it, otherwise
 * from `initializationOptions` and `workspace/didChangeConfiguration`. Bad values fall back to
 * their defaults instead of breaking the analysis. Also decides which documents the `exclude`
 * glob patterns keep out of the analysis.
 */
import { DEFAULT_SETTINGS, type SeveritySetting, type Settings } from './protocol';

const SEVERITIES: ReadonlySet<string> = new Set(['error', 'warning', 'info', 'off']);

/** Settings from whatever shape the client sent, with defaults for anything missing or invalid. */
export function normaliseSettings(raw: unknown): Settings {
  const input = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const rules: Record<string, SeveritySetting> = {};
  if (input.rules && typeof input.rules === 'object') {
    for (const [id, value] of Object.entries(input.rules as Record<string, unknown>)) {
      if (typeof value === 'string' && SEVERITIES.has(value)) rules[id] = value as SeveritySetting;
    }
  }
  const maxFileSize = typeof input.maxFileSize === 'number' && input.maxFileSize > 0 ? input.maxFileSize : DEFAULT_SETTINGS.maxFileSize;
  const region = typeof input.region === 'string' && /^([a-z]{2}(-[a-z]+)+-\d)?$/.test(input.region) ? input.region : DEFAULT_SETTINGS.region;
  const exclude = Array.isArray(input.exclude) ? input.exclude.filter((pattern): pattern is string => typeof pattern === 'string' && globToRegExp(pattern) !== undefined) : DEFAULT_SETTINGS.exclude;
  return {
    enable: typeof input.enable === 'boolean' ? input.enable : DEFAULT_SETTINGS.enable,
    rules,
    region,
    maxFileSize,
    exclude,
  };
}

/**
 * Whether the `exclude` setting keeps a document out of the analysis. Only `file:` documents have
 * a path to match; a pattern matches when it matches the whole path, a trailing part of it that
 * starts at a folder boundary (unless the pattern starts with `/`), or a folder that contains the file.
 */
export function isExcludedFile(uri: string, patterns: readonly string[]): boolean {
  if (patterns.length === 0 || !uri.startsWith('file:')) return false;
  let path: string;
  try {
    path = decodeURIComponent(new URL(uri).pathname);
  } catch {
    return false;
  }
  return patterns.some((pattern) => globToRegExp(pattern)?.test(path) === true);
}

/**
 * A glob as a regular expression: `**` spans folders, `*` and `?` stay within one name, `{a,b}`
 * is a choice and `[...]` a character class. Undefined for an empty or malformed pattern, which
 * the settings then drop instead of failing the analysis.
 */
export function globToRegExp(pattern: string): RegExp | undefined {
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
