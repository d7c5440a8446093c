/**
 * `cfn-network-lens diff`: what an edit does to the network before it is deployed. Compares two
 * template files, two folders (as workspaces), or the working tree with a git revision
 * (`--base <ref>`, read with `git show` without a shell), and prints the network impact and the
 * template diff as text or JSON. Exit codes: 0 (a diff is a report, not a verdict), 1 with
 * `--fail-on-impact` when the change blocks a client, 2 for bad usage or unreadable input.
 */
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { analyze, type Analysis, type SourceFile } from '../ide/analysis';
import { computeImpact, type FileChange } from '../ide/impact';
import { buildDiffReport, type FileNames } from '../ide/impact-report';
import { PLAIN_STYLE, renderDiffText } from '../ide/impact-render';
import { diffTemplates, type TemplateDiffs } from '../ide/template-diff';
import { decodeText } from '../syntax';
import { SKIPPED_DIRECTORIES, TEMPLATE_EXTENSIONS } from '../workspace/paths';
import { collectFiles, readText, UsageError } from './files';
import { colorsFor } from './format/colors';
import { analysisOptions, checkFormat, commonArgs, parseCommand, writeOutput } from './options';

export interface DiffArgs {
  /** The old and new file or folder, when comparing paths. */
  readonly old: string | undefined;
  readonly new: string | undefined;
  /** The git revision to compare the working tree with. */
  readonly base: string | undefined;
  /** With `--base`: the files and folders to compare (default: `.`). */
  readonly paths: readonly string[];
  readonly format: 'text' | 'json';
  readonly output: string | undefined;
  readonly region: string | undefined;
  readonly failOnImpact: boolean;
  readonly maxFileSizeMb: number;
}

/** The lines of `--help` about diff. */
export const DIFF_USAGE_LINES = `  cfn-network-lens diff OLD NEW [options]       What changing OLD into NEW does to the network (two files or two directories)
  cfn-network-lens diff --base <ref> [paths...] The same for the working tree against a git revision (default paths: .)`;

export const DIFF_OPTIONS = `Options for diff (exit code 0, or 1 with --fail-on-impact when the change blocks a client):
  -f, --format <text|json>        Output format (default: text; the JSON shape is in docs/diff.md)
  -o, --output <file>             Write the report to a file instead of stdout
      --base <ref>                Compare the working tree with this git revision
      --region <region>           The region templates deploy to
      --fail-on-impact            Exit 1 when the change blocks a client that reached a service before
      --max-file-size <MB>        Skip files larger than this (default: 5)
`;

export const DIFF_USAGE = 'diff needs two files or two folders (cfn-network-lens diff OLD NEW), or a git revision (cfn-network-lens diff --base <ref> [paths...])';

export function parseDiffArgs(args: readonly string[]): DiffArgs {
  const { values, positionals } = parseCommand(args, 'text', {
    base: { type: 'string' },
    'fail-on-impact': { type: 'boolean', default: false },
  });
  const format = checkFormat(values.format, ['text', 'json'] as const, 'diff');
  const base = typeof values.base === 'string' ? values.base : undefined;
  if (base !== undefined) {
    // A revision that starts with a dash would reach git as an option.
    if (base === '' || base.startsWith('-')) throw new UsageError(`--base expects a git revision such as HEAD or main, got "${base}"`);
  } else if (positionals.length !== 2) {
    throw new UsageError(DIFF_USAGE);
  }
  return {
    ...commonArgs(values),
    old: base === undefined ? positionals[0] : undefined,
    new: base === undefined ? positionals[1] : undefined,
    base,
    paths: base !== undefined ? (positionals.length > 0 ? [...positionals] : ['.']) : [],
    format,
    failOnImpact: values['fail-on-impact'] === true,
  };
}

/** The two versions to compare: the same file identities on both sides, and how the user names them. */
interface Versions {
  readonly before: readonly SourceFile[];
  readonly after: readonly SourceFile[];
  readonly names: (file: string) => FileNames;
  readonly baseLabel: string;
  readonly headLabel: string;
}

export async function runDiff(args: DiffArgs, version: string): Promise<number> {
  const versions = args.base !== undefined ? gitVersions(args.base, args.paths) : pathVersions(args.old ?? '', args.new ?? '');
  const options = analysisOptions(args);
  const before = analyze(versions.before, options);
  const after = analyze(versions.after, options);
  const impact = computeImpact(before, after);
  const templateDiffs = await templateDiffsOf(before, after, impact.files);
  const report = buildDiffReport({
    toolVersion: version,
    base: versions.baseLabel,
    head: versions.headLabel,
    impact,
    templateDiffs: 'error' in templateDiffs ? { error: templateDiffs.error } : templateDiffs,
    names: versions.names,
  });
  let output: string;
  if (args.format === 'json') output = `${JSON.stringify(report, null, 2)}\n`;
  else {
    const style = args.output ? PLAIN_STYLE : colorsFor(process.stdout, process.env);
    // The library colours its text when it thinks the terminal wants colours; keep them only when we do too.
    const coloured = style !== PLAIN_STYLE && style.bold('x') !== 'x' && !('error' in templateDiffs) ? templateDiffs.coloured : undefined;
    output = renderDiffText(report, style, coloured);
  }
  writeOutput(args.output, output);
  return args.failOnImpact && impact.summary.clientsBlocked > 0 ? 1 : 0;
}

/**
 * The template diff, with `@aws-cdk/cloudformation-diff` loaded only now: the library and the AWS
 * resource specification it reads (`db.json.gz`, next to the bundle's folder) would otherwise cost
 * every command its start-up time. A failure here leaves the network impact standing.
 */
async function templateDiffsOf(before: Analysis, after: Analysis, files: readonly FileChange[]): Promise<TemplateDiffs | { error: string }> {
  if (!files.some((file) => file.template && file.status !== 'unchanged')) return { files: [], coloured: new Map() };
  try {
    const library = await import('@aws-cdk/cloudformation-diff');
    return diffTemplates(library, before, after, files);
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] ?? String(error) : String(error);
    process.stderr.write(`cfn-network-lens: the template diff failed: ${message}\n`);
    return { error: message };
  }
}

// ── Two files or two folders ────────────────────────────────────────────────────────────────────

function pathVersions(oldPath: string, newPath: string): Versions {
  const oldIsFolder = isFolder(oldPath);
  const newIsFolder = isFolder(newPath);
  if (oldIsFolder !== newIsFolder) throw new UsageError(`compare a file with a file or a folder with a folder; ${oldIsFolder ? oldPath : newPath} is a folder and ${oldIsFolder ? newPath : oldPath} is not`);
  if (!oldIsFolder) {
    // One file in two versions: both sides carry the new file's name, so that its resources match.
    const before = readSources([[newPath, oldPath]]);
    const after = readSources([[newPath, newPath]]);
    return { before, after, names: () => ({ before: oldPath, after: newPath }), baseLabel: oldPath, headLabel: newPath };
  }
  const inside = (folder: string) => new Map(collectFiles([folder]).map((path) => [toKey(relative(folder, path)), path]));
  const oldFiles = inside(oldPath);
  const newFiles = inside(newPath);
  return {
    before: readSources([...oldFiles]),
    after: readSources([...newFiles]),
    names: (file) => ({ before: oldFiles.get(file) ?? join(oldPath, file), after: newFiles.get(file) ?? join(newPath, file) }),
    baseLabel: oldPath,
    headLabel: newPath,
  };
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    throw new UsageError(`cannot read ${path}: no such file or directory`);
  }
}

/** Read `[identity, path]` pairs; binary and non-UTF-8 files are skipped with a note. */
function readSources(entries: readonly (readonly [string, string])[]): SourceFile[] {
  const sources: SourceFile[] = [];
  for (const [file, path] of entries) {
    const read = readText(path);
    if (read.ok) sources.push({ file, text: read.text });
    else process.stderr.write(`cfn-network-lens: skipped ${path}: ${read.reason}\n`);
  }
  return sources;
}

/** A path relative to a folder, with `/` on every platform, as a file's identity. */
function toKey(path: string): string {
  return path.split(sep).join('/');
}

// ── The working tree against a git revision ─────────────────────────────────────────────────────

/**
 * The files under `paths` now and at `ref`. Old contents come from `git show <ref>:./<path>` (paths
 * relative to the current folder); a file absent at the revision is added, one absent now removed.
 */
function gitVersions(ref: string, paths: readonly string[]): Versions {
  const cwd = process.cwd();
  git(['rev-parse', '--show-toplevel'], cwd, () => `${cwd} is not in a git repository; --base compares the working tree with a revision of its repository`);
  const commit = git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], cwd, () => `unknown git revision "${ref}"`)
    .toString('utf8')
    .trim();
  const now = new Map<string, string>();
  const missing: string[] = [];
  for (const path of paths) {
    let exists = true;
    try {
      statSync(path);
    } catch {
      exists = false;
    }
    if (!exists) {
      missing.push(path);
      continue;
    }
    for (const file of collectFiles([path])) now.set(toKey(relative(cwd, resolve(file))), file);
  }
  const relativePaths = paths.map((path) => toKey(relative(cwd, resolve(path))) || '.');
  // Literal pathspecs: a path with `*` names that file, not a pattern.
  const listed = git(['--literal-pathspecs', 'ls-tree', '-r', '-z', '--name-only', commit, '--', ...relativePaths], cwd, (stderr) => `cannot list ${paths.join(', ')} at ${ref}: ${stderr}`)
    .toString('utf8')
    .split('\0')
    .filter((name) => name !== '' && (relativePaths.includes(name) || isTemplateCandidate(name)));
  for (const path of missing) {
    const key = toKey(relative(cwd, resolve(path)));
    if (!listed.some((name) => name === key || name.startsWith(`${key}/`))) throw new UsageError(`cannot read ${path}: no such file or directory, now or at ${ref}`);
  }
  const before: SourceFile[] = [];
  for (const name of listed) {
    // `<rev>:./path` and `<rev>:../path` name a path relative to the current folder, as ls-tree lists it.
    const bytes = git(['show', `${commit}:${name.startsWith('../') ? name : `./${name}`}`], cwd, (stderr) => `cannot read ${name} at ${ref}: ${stderr}`);
    const read = decodeText(bytes);
    if (!read.ok) process.stderr.write(`cfn-network-lens: skipped ${name} at ${ref}: ${read.reason}\n`);
    else before.push({ file: name, text: read.text });
  }
  const after = readSources([...now].map(([key, path]) => [key, path] as const));
  return { before, after, names: (file) => ({ before: file, after: file }), baseLabel: ref, headLabel: 'the working tree' };
}

/** Whether a path at the revision is a file `check` would read: a template extension, outside skipped folders. */
function isTemplateCandidate(name: string): boolean {
  const parts = name.split('/');
  const fileName = parts[parts.length - 1] ?? '';
  const dot = fileName.lastIndexOf('.');
  return dot > 0 && TEMPLATE_EXTENSIONS.has(fileName.slice(dot).toLowerCase()) && !parts.slice(0, -1).some((part) => SKIPPED_DIRECTORIES.has(part));
}

/** Run git without a shell; a failure becomes a usage error with `explain(stderr)`. */
function git(args: readonly string[], cwd: string, explain: (stderr: string) => string): Buffer {
  try {
    return execFileSync('git', args, { cwd, shell: false, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 512 * 1024 * 1024, windowsHide: true });
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: Buffer };
    if (failure.code === 'ENOENT') throw new UsageError('git is not installed or not on the PATH; --base needs it');
    const stderr = failure.stderr?.toString('utf8').trim().split('\n')[0] ?? '';
    throw new UsageError(explain(stderr.replace(/^(fatal|error): /, '')));
  }
}
