/**
 * The workspace of a `check` run: the project file (`.cfn-network-lens.yaml` in the current folder,
 * or in the one folder given), the parameter, deployment and samconfig files it and the checked
 * folders name, read from disk and turned into analysis options; templates the project file or a
 * nested stack names that were not among the checked paths are read as context, so that links work
 * the same as in the editor, and only the checked files are reported. A bad project file is a usage
 * error with file, line and column.
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { LineIndex } from '../syntax';
import type { AnalysisOptions, SourceFile } from '../ide/analysis';
import { ruleIds } from '../rules';
import { isDeploymentFile, SAMCONFIG, type WorkspaceProblem } from '../workspace/parameter-files';
import { isIgnoredByProject, isInside, resolveFromFile } from '../workspace/paths';
import { parseProjectFile, PROJECT_FILE_NAME, type ProjectConfig } from '../workspace/project-file';
import { filesToRead, resolveWorkspaceSetup, undeclaredParameters } from '../workspace/project-setup';
import { readText, UsageError } from './files';


export interface CliWorkspace {
  /** The files to check (ignored paths removed), then the context files, as analysis sources. */
  readonly sources: readonly SourceFile[];
  /** The files the user asked to check. */
  readonly checked: ReadonlySet<string>;
  /** Analysis options from the project and parameter files. */
  readonly options: Pick<AnalysisOptions, 'parameters' | 'stackNames' | 'regions' | 'fileSeverities' | 'resolveLocation'>;
  /** Problems that are only warnings, for stderr. */
  readonly warnings: readonly string[];
  /** Warnings about parameter values for parameters their template does not declare, given the analysed files. */
  parameterWarnings(declared: (file: string) => ReadonlySet<string> | undefined): string[];
  /** Read the local nested templates the analysis found missing; false when there were none to add. */
  addNestedTemplates(missing: readonly { readonly parent: string; readonly location: string }[]): boolean;
}

/**
 * Load the project of a run. `files` are the paths `collectFiles` found (as given); `paths` the
 * arguments; `given` texts by absolute path that are not read from disk (the template on stdin).
 * Throws `UsageError` for a project file with errors.
 */
export function loadWorkspace(paths: readonly string[], files: readonly string[], cwd: string = process.cwd(), given: ReadonlyMap<string, string> = new Map()): CliWorkspace {
  const project = findProjectFile(paths, cwd);
  const root = project ? dirname(project) : cwd;
  /** Paths as the user gave them, by absolute path: findings name files the way the user does. */
  const ids = new Map<string, string>();
  const idOf = (absolute: string): string => ids.get(absolute) ?? (isInside(cwd, absolute) ? relative(cwd, absolute) || absolute : absolute);
  for (const file of files) ids.set(resolve(cwd, file), file);

  // Texts given rather than read (the template on stdin), by absolute path.
  const texts = new Map<string, string | undefined>(given);
  // Without a project file, the folders given (and those of the files given) bound what nested stacks may read.
  const roots = (project ? [root] : [cwd, ...paths.map((path) => resolve(cwd, path)).map((path) => (isDirectory(path) ? path : dirname(path)))]).map((folder) => realpathOf(folder) ?? folder);
  const insideRoots = (path: string): boolean => roots.some((folder) => isInside(folder, path));
  const checkedPaths = new Set(files.map((file) => resolve(cwd, file)));
  /** Files named inside the workspace that lead outside it through a symbolic link. */
  const refused = new Set<string>();
  const readAbsolute = (absolute: string): string | undefined => {
    if (texts.has(absolute)) return texts.get(absolute);
    let text: string | undefined;
    try {
      // A file the project or a template names is read only when it really lies in the workspace, symbolic links resolved.
      const real = checkedPaths.has(absolute) ? absolute : realpathOf(absolute);
      if (real !== undefined && !checkedPaths.has(absolute) && !insideRoots(real)) refused.add(absolute);
      else if (real !== undefined && existsSync(absolute) && statSync(absolute).isFile()) {
        const read = readText(absolute);
        text = read.ok ? read.text : undefined;
      }
    } catch {
      text = undefined;
    }
    texts.set(absolute, text);
    return text;
  };

  let config: ProjectConfig | undefined;
  if (project) {
    const text = readAbsolute(project);
    if (text === undefined) throw new UsageError(`cannot read ${idOf(project)}`);
    config = parseProjectFile(project, text, root, { ruleIds: ruleIds() });
  }
  const ignore = config?.ignore ?? [];
  const isIgnored = (absolute: string): boolean => isIgnoredByProject(root, absolute, ignore);
  // The project file configures the run; it is not one of the files checked.
  const checkedAbsolute = files.map((file) => resolve(cwd, file)).filter((absolute) => !isIgnored(absolute) && basename(absolute) !== PROJECT_FILE_NAME);

  // Deployment files among the checked files, and samconfig.toml next to checked templates, name their own templates.
  const discovered: string[] = [];
  for (const absolute of checkedAbsolute) {
    const text = readAbsolute(absolute);
    if (text !== undefined && isDeploymentFile(text)) discovered.push(absolute);
  }
  for (const folder of new Set(checkedAbsolute.map((absolute) => dirname(absolute)))) {
    const samconfig = join(folder, SAMCONFIG);
    if (isInside(root, samconfig) && readAbsolute(samconfig) !== undefined) discovered.push(samconfig);
  }
  for (const file of filesToRead(config, discovered)) readAbsolute(file);
  const setup = resolveWorkspaceSetup({
    root,
    ...(config ? { project: config } : {}),
    texts,
    discovered,
    exists: (file) => readAbsolute(file) !== undefined,
    refused: (file) => (refused.has(file) ? 'leads outside the workspace through a symbolic link, so it is not read' : undefined),
  });
  reportErrors(setup.problems, texts, idOf);

  const checked = new Set(checkedAbsolute.map(idOf));
  const sources: SourceFile[] = [];
  const seen = new Set<string>();
  const add = (absolute: string): boolean => {
    if (seen.has(absolute) || isIgnored(absolute)) return false;
    const text = readAbsolute(absolute);
    if (text === undefined) return false;
    seen.add(absolute);
    sources.push({ file: idOf(absolute), text });
    return true;
  };
  for (const absolute of checkedAbsolute) {
    const text = readAbsolute(absolute);
    if (text === undefined) {
      const read = readText(absolute);
      if (!read.ok) process.stderr.write(`cfn-network-lens: skipped ${idOf(absolute)}: ${read.reason}\n`);
      continue;
    }
    add(absolute);
  }
  // Templates the project file deploys are context for linking even when they were not checked.
  for (const template of setup.stacks.keys()) add(template);

  const keyed = <T>(map: ReadonlyMap<string, T>): Map<string, T> => new Map([...map].map(([file, value]) => [idOf(file), value]));
  const fileSeverities = new Map<string, Readonly<Record<string, 'error' | 'warning' | 'info' | 'off'>>>();
  if (Object.keys(setup.severities).length > 0) for (const source of sources) fileSeverities.set(source.file, setup.severities);
  return {
    sources,
    checked,
    options: {
      parameters: keyed(setup.parameters),
      stackNames: keyed(setup.stackNames),
      regions: keyed(setup.regions),
      fileSeverities,
      resolveLocation: (fromFile, location) => {
        const absolute = resolveFromFile(resolve(cwd, fromFile), location);
        return absolute === undefined ? undefined : idOf(absolute);
      },
    },
    get warnings() {
      return [
        ...setup.problems.filter((problem) => problem.severity === 'warning').map((problem) => formatProblem(problem, texts, idOf)),
        ...[...refused].map((absolute) => `${idOf(absolute)} leads outside the workspace through a symbolic link, so it was not read.`),
      ];
    },
    parameterWarnings(declared) {
      return undeclaredParameters(setup.stacks, (template) => declared(idOf(template)), idOf).map((problem) => formatProblem(problem, texts, idOf));
    },
    addNestedTemplates(missing) {
      let added = false;
      for (const { parent, location } of missing) {
        const absolute = resolveFromFile(resolve(cwd, parent), location);
        // `add` reads only files inside the workspace: a nested template outside it is never read.
        if (absolute !== undefined && add(absolute)) added = true;
      }
      return added;
    },
  };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function realpathOf(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/** `.cfn-network-lens.yaml` in the current folder, or else at the root of the one folder checked. */
export function findProjectFile(paths: readonly string[], cwd: string): string | undefined {
  const inCwd = join(cwd, PROJECT_FILE_NAME);
  if (existsSync(inCwd)) return inCwd;
  const folders = paths.map((path) => resolve(cwd, path)).filter(isDirectory);
  if (folders.length !== 1 || folders.length !== paths.length) return undefined;
  const candidate = join(folders[0] as string, PROJECT_FILE_NAME);
  return existsSync(candidate) ? candidate : undefined;
}

function reportErrors(problems: readonly WorkspaceProblem[], texts: ReadonlyMap<string, string | undefined>, idOf: (file: string) => string): void {
  const errors = problems.filter((problem) => problem.severity === 'error');
  if (errors.length === 0) return;
  const lines = errors.map((problem) => formatProblem(problem, texts, idOf));
  throw new UsageError(lines.length === 1 ? (lines[0] as string) : `the project setup has ${lines.length} problems:\n  ${lines.join('\n  ')}`);
}

/** `file:line:col: message`, one-based as compilers print positions. */
function formatProblem(problem: WorkspaceProblem, texts: ReadonlyMap<string, string | undefined>, idOf: (file: string) => string): string {
  const text = texts.get(isAbsolute(problem.file) ? problem.file : resolve(problem.file)) ?? '';
  const start = new LineIndex(text).rangeAt(problem.range).start;
  return `${idOf(problem.file)}:${start.line + 1}:${start.character + 1}: ${problem.message}`;
}

