/**
 * Finding and reading the files the CLI checks: directories are walked recursively for
 * `.yaml`, `.yml`, `.json` and `.template` files (skipping `node_modules` and `.git`), in a stable
 * order; binary files and files that are not UTF-8 are skipped with a note instead of a crash.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { decodeText } from '../syntax';
import { SKIPPED_DIRECTORIES, TEMPLATE_EXTENSIONS } from '../workspace/paths';


/** A user error that ends the run with exit code 2 and a one-line message. */
export class UsageError extends Error {}

/** Expand the paths given on the command line into files, in a stable order. */
export function collectFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  for (const path of paths) {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      throw new UsageError(`cannot read ${path}: no such file or directory`);
    }
    if (stat.isDirectory()) walk(path, files);
    else files.push(path);
  }
  return [...new Set(files)];
}

function walk(directory: string, files: string[]): void {
  let entries;
  try {
    entries = readdirSync(directory, { withFileTypes: true });
  } catch {
    throw new UsageError(`cannot read directory ${directory}`);
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(path, files);
    } else if (entry.isFile() && TEMPLATE_EXTENSIONS.has(extname(entry.name).toLowerCase())) {
      files.push(path);
    }
  }
}

export type ReadResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string };

/** Read a file as UTF-8 text; binary and non-UTF-8 files are refused with a reason. */
export function readText(path: string): ReadResult {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${path}${code ? ` (${code})` : ''}`);
  }
  return decodeText(bytes);
}
