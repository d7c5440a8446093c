/**
 * Reading the settings: from `workspace/configuration` when the client supports it, otherwise
 * from `initializationOptions` and `workspace/didChangeConfiguration`. Bad values fall back to
 * their defaults instead of breaking the analysis. Also decides which documents the `exclude`
 * glob patterns keep out of the analysis.
 */
import { compileGlob, matchesAnyGlob } from '../workspace/globs';
import { DEFAULT_SETTINGS, type DiagnosticsScope, type SeveritySetting, type Settings } from './protocol';

/** The largest `maxFileSize` honoured, in megabytes. */
const MAX_FILE_SIZE_MB = 50;

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
  // A workspace's own settings apply even where it is not trusted: the size limit cannot be lifted.
  const maxFileSize = typeof input.maxFileSize === 'number' && input.maxFileSize > 0 ? Math.min(input.maxFileSize, MAX_FILE_SIZE_MB) : DEFAULT_SETTINGS.maxFileSize;
  const region = typeof input.region === 'string' && /^([a-z]{2}(-[a-z]+)+-\d)?$/.test(input.region) ? input.region : DEFAULT_SETTINGS.region;
  const exclude = Array.isArray(input.exclude) ? input.exclude.filter((pattern): pattern is string => typeof pattern === 'string' && compileGlob(pattern) !== undefined) : DEFAULT_SETTINGS.exclude;
  // `workspace/configuration` nests dotted keys (`diagnostics.scope`); other clients may send them flat.
  const diagnostics = input.diagnostics && typeof input.diagnostics === 'object' ? (input.diagnostics as Record<string, unknown>) : {};
  const scopeInput = diagnostics.scope ?? input['diagnostics.scope'];
  const scope: DiagnosticsScope = scopeInput === 'workspace' || scopeInput === 'openFiles' ? scopeInput : DEFAULT_SETTINGS.diagnostics.scope;
  return {
    enable: typeof input.enable === 'boolean' ? input.enable : DEFAULT_SETTINGS.enable,
    rules,
    region,
    maxFileSize,
    exclude,
    diagnostics: { scope },
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
  return matchesAnyGlob(path, patterns);
}
