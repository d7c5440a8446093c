/**
 * Path arithmetic on file identities without touching the disk: the CLI names files by paths and the
 * editor by `file:` URIs, and the workspace layer resolves relative locations (a nested stack's
 * `TemplateURL`, a path in a project file) against either. A location that leaves its root is refused
 * here, so that no project file or template can make the tools read outside the workspace.
 */
import { matchesAnyGlob } from './globs';
import { posix, win32 } from 'node:path';

/** Whether a location names something remote (`https://…`, `s3://…`) rather than a local file. */
export function isRemoteLocation(location: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(location) && !/^file:/i.test(location);
}

/** Whether a file identity is a URI (`file:///…`, `untitled:…`) rather than a path. */
export function isUri(file: string): boolean {
  // A Windows drive letter (`C:\…`, `C:/…`) is a path, not a one-letter scheme.
  return /^[a-z][a-z0-9+.-]+:/i.test(file) && !/^[a-z]:[\\/]/i.test(file);
}

function styleOf(path: string): typeof posix {
  return /^[a-z]:[\\/]/i.test(path) || (path.includes('\\') && !path.includes('/')) ? win32 : posix;
}

/** The folder that holds a file, in the file's own identity style. */
export function parentOf(file: string): string {
  if (isUri(file)) {
    const slash = file.lastIndexOf('/');
    return slash > file.indexOf(':') + 2 ? file.slice(0, slash) : file;
  }
  return styleOf(file).dirname(file);
}

/**
 * `location` (a relative path with `/` separators, or absolute) resolved against the folder `base`,
 * in `base`'s identity style. Undefined for a remote location or a URI base that is not a file.
 */
export function resolveAgainst(base: string, location: string): string | undefined {
  if (isRemoteLocation(location)) return undefined;
  if (isUri(base)) {
    if (!/^file:/i.test(base)) return undefined;
    try {
      const folder = base.endsWith('/') ? base : `${base}/`;
      return new URL(location.replace(/\\/g, '/'), folder).href;
    } catch {
      return undefined;
    }
  }
  const style = styleOf(base);
  const normalised = style === win32 ? location.replace(/\//g, '\\') : location;
  return style.normalize(style.isAbsolute(normalised) ? normalised : style.join(base, normalised));
}

/** A location relative to the folder of `file` (a nested stack's `TemplateURL`, a `Location`). */
export function resolveFromFile(file: string, location: string): string | undefined {
  return resolveAgainst(parentOf(file), location);
}

/** Whether `file` is `root` or lies below it, comparing identities of the same style. */
export function isInside(root: string, file: string): boolean {
  if (isUri(root) !== isUri(file)) return false;
  if (isUri(root)) {
    const folder = root.endsWith('/') ? root : `${root}/`;
    return file === root || file.startsWith(folder);
  }
  const style = styleOf(root);
  const relative = style.relative(style.normalize(root), style.normalize(file));
  return relative === '' || (!relative.startsWith('..') && !style.isAbsolute(relative));
}

/** Why a location written in a project file may not be used, or undefined when it stays inside `root`. */
export function escapeReason(root: string, location: string): string | undefined {
  if (isRemoteLocation(location)) return `"${location}" is not a local path`;
  const resolved = resolveAgainst(root, location);
  if (resolved === undefined) return `"${location}" cannot be resolved`;
  if (!isInside(root, resolved)) return `"${location}" points outside the workspace folder`;
  return undefined;
}

/** `file` relative to the folder `root` with `/` separators, or undefined when it is not inside. */
export function relativeTo(root: string, file: string): string | undefined {
  if (!isInside(root, file)) return undefined;
  if (isUri(root)) {
    const folder = root.endsWith('/') ? root : `${root}/`;
    return file === root ? '' : decodeURIComponent(file.slice(folder.length));
  }
  const style = styleOf(root);
  return style.relative(style.normalize(root), style.normalize(file)).split(style.sep).join('/');
}

/** File extensions of the templates the CLI and the language server read. */
export const TEMPLATE_EXTENSIONS: ReadonlySet<string> = new Set(['.yaml', '.yml', '.json', '.template']);

/** Folders neither the CLI nor the language server looks into. */
export const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set(['node_modules', '.git', '.hg', '.svn', 'cdk.out', '.aws-sam']);

/** Whether the project file's `ignore` patterns, relative to `root`, keep `file` (a path or a URI) out. */
export function isIgnoredByProject(root: string, file: string, patterns: readonly string[]): boolean {
  if (patterns.length === 0) return false;
  const relative = relativeTo(root, file);
  return relative !== undefined && matchesAnyGlob(`/${relative}`, patterns);
}
