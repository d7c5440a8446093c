/**
 * The workspace index: every CloudFormation template, project file (`.cfn-network-lens.yaml`),
 * parameter, deployment and `samconfig.toml` file in the workspace folders, read from disk, so that
 * the analysis links open templates with the stacks they import from, nest or deploy with, whatever
 * is open. Folders come from `initialize` and `workspace/didChangeWorkspaceFolders`; files are read
 * again when the client reports them changed (`workspace/didChangeWatchedFiles`, with a watcher
 * registered dynamically where the client allows it, as VS Code does); open documents win over what
 * is on disk. Files matching `cfnNetworkLens.exclude` or the project's `ignore`, and the folders
 * `node_modules`, `.git`, `cdk.out` and `.aws-sam`, are never read.
 */
import { promises as fs } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  type FileEvent,
  type InitializeParams,
  type WorkspaceFoldersChangeEvent,
} from 'vscode-languageserver';
import type { AnalysisOptions, SourceFile } from '../ide/analysis';
import { ruleIds } from '../rules';
import { decodeText } from '../syntax';
import { isDeploymentFile, SAMCONFIG, type WorkspaceProblem } from '../workspace/parameter-files';
import { isIgnoredByProject, isInside, resolveFromFile, SKIPPED_DIRECTORIES, TEMPLATE_EXTENSIONS } from '../workspace/paths';
import { parseProjectFile, PROJECT_FILE_NAME, type SeverityName } from '../workspace/project-file';
import { filesToRead, resolveWorkspaceSetup, type ResolvedStack, type WorkspaceSetup } from '../workspace/project-setup';
import { describeError, type Session } from './session';
import { isExcludedFile } from './settings';

/** Files past this count are not indexed, so that a huge folder cannot exhaust the server. */
const MAX_FILES = 20_000;
/** Files read at the same time while indexing. */
const PARALLEL_READS = 16;
/** What the file watcher reports. */
const WATCHED_GLOB = '**/*.{yaml,yml,json,template,toml}';
/** A cheap test that keeps files that cannot be templates out of the analysis. */
const MAY_BE_TEMPLATE = /AWSTemplateFormatVersion|\bResources\b/;

interface IndexedFile {
  readonly text: string;
  /** Whether the file may be a template and so goes to the analysis. */
  readonly template: boolean;
  /** Whether it is a git-sync deployment file, decided once when it is read. */
  readonly deployment: boolean;
}

/** A folder's setup with what it was computed from. */
interface FolderSetup {
  /** The index's `filesVersion`: which files exist. */
  readonly filesVersion: number;
  /** The open documents, by canonical URI, one a line. */
  readonly openKey: string;
  /** The deployment and samconfig files found, one a line. */
  readonly discovered: string;
  readonly setup: WorkspaceSetup;
  /** The texts of the project file and the files it read: the setup is the same while they are. */
  readonly texts: ReadonlyMap<string, string | undefined>;
}

/** What the analysis needs from the index: pinned values and where problems are. */
export interface WorkspaceAnalysisInputs {
  readonly sources: readonly SourceFile[];
  readonly options: Pick<AnalysisOptions, 'parameters' | 'stackNames' | 'regions' | 'fileSeverities' | 'resolveLocation'>;
  /** Problems in project, parameter and deployment files, by the file's id. */
  readonly problems: readonly WorkspaceProblem[];
  /** The texts of the files problems point into, for positions. */
  readonly texts: ReadonlyMap<string, string>;
  /** The stacks the project and deployment files describe, by template id, to check their parameters against the templates. */
  readonly stacks: ReadonlyMap<string, readonly ResolvedStack[]>;
}

export class WorkspaceIndex {
  /** Canonical `file:` URIs of the workspace folders. */
  private folders: string[] = [];
  /** Disk contents by canonical URI. */
  private readonly files = new Map<string, IndexedFile>();
  /** The last setup of each folder. */
  private readonly setups = new Map<string, FolderSetup>();
  private watchersSupported = false;
  private foldersSupported = false;
  /** Bumped whenever what is on disk changes, so that the session knows its analysis is stale. */
  version = 0;
  /** Bumped when files appear or disappear, which decides whether the files a project names exist. */
  private filesVersion = 0;
  /** Resolves when the last (re)indexing is done; the next reading waits for it, so that readings never overlap. */
  indexed: Promise<void> = Promise.resolve();

  constructor(private readonly session: Session) {}

  /** Take the folders and client capabilities from `initialize`. */
  initialize(params: InitializeParams): void {
    const folders = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : params.rootPath ? [pathToFileURL(params.rootPath).href] : []);
    this.folders = folders.flatMap((uri) => canonicalUri(uri) ?? []);
    this.watchersSupported = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    this.foldersSupported = params.capabilities.workspace?.workspaceFolders === true;
  }

  /** After `initialized`: watch files and folders, and read the folders. */
  start(): void {
    const connection = this.session.connection;
    if (this.watchersSupported) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: WATCHED_GLOB }] }).catch((error: unknown) => connection.console.warn(`Could not watch files: ${describeError(error)}`));
    }
    if (this.foldersSupported) {
      // Registers `workspace/didChangeWorkspaceFolders` dynamically with the client.
      connection.workspace.onDidChangeWorkspaceFolders((event) => void this.changeFolders(event));
    }
    void this.reindex();
  }

  /** Read every folder again, for example after the exclude setting changed. */
  reindex(): Promise<void> {
    const run = this.indexed.then(() => this.readFolders());
    this.indexed = run.catch((error: unknown) => this.session.connection.console.error(`Indexing the workspace failed: ${describeError(error)}`));
    return this.indexed;
  }

  /** `workspace/didChangeWorkspaceFolders`. */
  changeFolders(event: WorkspaceFoldersChangeEvent): Promise<void> {
    const removed = new Set(event.removed.flatMap((folder) => canonicalUri(folder.uri) ?? []));
    const added = event.added.flatMap((folder) => canonicalUri(folder.uri) ?? []);
    this.folders = [...this.folders.filter((folder) => !removed.has(folder)), ...added.filter((folder) => !this.folders.includes(folder))];
    return this.reindex();
  }

  /** `workspace/didChangeWatchedFiles`: read the changed files again. */
  changeFiles(changes: readonly FileEvent[]): Promise<void> {
    const run = this.indexed.then(async () => {
      let changed = false;
      for (const change of changes) {
        const uri = canonicalUri(change.uri);
        if (uri === undefined || !this.folders.some((folder) => isInside(folder, uri))) continue;
        if (change.type === FileChangeType.Deleted) {
          // A deleted folder reports only itself: forget everything below it.
          for (const file of [...this.files.keys()]) if (file === uri || isInside(uri, file)) changed = this.files.delete(file) || changed;
          this.filesVersion++;
          continue;
        }
        const read = await this.readFile(uri);
        if (this.files.has(uri) !== (read !== undefined)) this.filesVersion++;
        if (read) this.files.set(uri, read);
        else this.files.delete(uri);
        changed = true;
      }
      if (changed) this.changed();
    });
    this.indexed = run.catch((error: unknown) => this.session.connection.console.error(`Reading changed files failed: ${describeError(error)}`));
    return this.indexed;
  }

  /**
   * The analysis inputs: templates on disk with open documents in their place (and open documents
   * outside the folders), and what the project and parameter files pin.
   */
  inputs(open: readonly SourceFile[]): WorkspaceAnalysisInputs {
    const exclude = this.session.settings.exclude;
    const openByCanonical = new Map<string, SourceFile>();
    for (const source of open) openByCanonical.set(canonicalUri(source.file) ?? source.file, source);
    /** The analysis id of a canonical URI: the open document's own URI when it is open. */
    const idOf = (canonical: string): string => openByCanonical.get(canonical)?.file ?? canonical;
    const textOf = (canonical: string): string | undefined => openByCanonical.get(canonical)?.text ?? this.files.get(canonical)?.text;

    const problems: WorkspaceProblem[] = [];
    const texts = new Map<string, string>();
    const parameters = new Map<string, ReadonlyMap<string, import('../template').Value>>();
    const stackNames = new Map<string, string>();
    const regions = new Map<string, string>();
    const stacks = new Map<string, readonly ResolvedStack[]>();
    const fileSeverities = new Map<string, Readonly<Record<string, SeverityName>>>();
    const ignored: { readonly folder: string; readonly patterns: readonly string[] }[] = [];
    const openKey = [...openByCanonical.keys()].sort().join('\n');
    for (const folder of this.folders) {
      const { setup, texts: setupTexts } = this.folderSetup(folder, openKey, textOf);
      for (const [file, text] of setupTexts) if (text !== undefined) texts.set(idOf(file), text);
      problems.push(...setup.problems.map((problem) => ({ ...problem, file: idOf(problem.file) })));
      for (const [file, values] of setup.parameters) parameters.set(idOf(file), values);
      for (const [file, name] of setup.stackNames) stackNames.set(idOf(file), name);
      for (const [file, region] of setup.regions) regions.set(idOf(file), region);
      for (const [file, list] of setup.stacks) stacks.set(idOf(file), list.map((stack) => ({ ...stack, parameters: new Map([...stack.parameters].map(([name, setting]) => [name, setting.file !== undefined ? { ...setting, file: idOf(setting.file) } : setting])) })));
      if (Object.keys(setup.severities).length > 0) {
        for (const file of [...this.files.keys(), ...openByCanonical.keys()]) if (isInside(folder, file)) fileSeverities.set(idOf(file), setup.severities);
      }
      if (setup.ignore.length > 0) ignored.push({ folder, patterns: setup.ignore });
    }
    const isIgnored = (canonical: string): boolean => isExcludedFile(canonical, exclude) || ignored.some(({ folder, patterns }) => isIgnoredByProject(folder, canonical, patterns));

    const sources: SourceFile[] = [];
    for (const [uri, file] of this.files) {
      if (!file.template || openByCanonical.has(uri) || isIgnored(uri)) continue;
      sources.push({ file: uri, text: file.text });
    }
    for (const [canonical, source] of openByCanonical) if (!isIgnored(canonical)) sources.push(source);
    return {
      sources,
      options: {
        parameters,
        stackNames,
        regions,
        fileSeverities,
        resolveLocation: (fromFile, location) => {
          const child = resolveFromFile(canonicalUri(fromFile) ?? fromFile, location);
          return child === undefined ? undefined : idOf(child);
        },
      },
      problems,
      texts,
      stacks,
    };
  }

  /**
   * The setup of one folder: its project file with the parameter, deployment and samconfig files,
   * computed again only when files appear or disappear, other documents are opened, or the text of
   * the project file or a file it reads changed,
   * so that a keystroke in a template does not parse a project file of a thousand stacks.
   */
  private folderSetup(folder: string, openKey: string, textOf: (canonical: string) => string | undefined): FolderSetup {
    const discovered = [...this.files.keys()].filter((file) => isInside(folder, file) && (file.endsWith(`/${SAMCONFIG}`) || this.isDeployment(file)));
    const discoveredKey = discovered.join('\n');
    const cached = this.setups.get(folder);
    if (cached && cached.filesVersion === this.filesVersion && cached.openKey === openKey && cached.discovered === discoveredKey && [...cached.texts].every(([file, text]) => textOf(file) === text)) return cached;
    const projectFile = `${folder.replace(/\/$/, '')}/${PROJECT_FILE_NAME}`;
    const projectText = textOf(projectFile);
    const config = projectText !== undefined ? parseProjectFile(projectFile, projectText, folder, { ruleIds: ruleIds() }) : undefined;
    const texts = new Map<string, string | undefined>([[projectFile, projectText]]);
    const setupTexts = new Map<string, string | undefined>();
    for (const file of filesToRead(config, discovered)) {
      const text = textOf(file);
      setupTexts.set(file, text);
      texts.set(file, text);
    }
    const setup = resolveWorkspaceSetup({ root: folder, ...(config ? { project: config } : {}), texts: setupTexts, discovered, exists: (file) => textOf(file) !== undefined });
    const result: FolderSetup = { filesVersion: this.filesVersion, openKey, discovered: discoveredKey, setup, texts };
    this.setups.set(folder, result);
    return result;
  }

  private isDeployment(file: string): boolean {
    return this.files.get(file)?.deployment === true;
  }

  private changed(): void {
    this.version++;
    this.session.schedule();
  }

  private async readFolders(): Promise<void> {
    const paths: string[] = [];
    const walk = async (directory: string): Promise<void> => {
      let entries;
      try {
        entries = await fs.readdir(directory, { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries) {
        if (paths.length >= MAX_FILES) return;
        const path = join(directory, entry.name);
        if (entry.isDirectory()) {
          if (!SKIPPED_DIRECTORIES.has(entry.name)) await walk(path);
        } else if (entry.isFile() && isIndexedName(entry.name)) {
          paths.push(path);
        }
      }
    };
    for (const folder of this.folders) {
      const path = pathOf(folder);
      if (path !== undefined) await walk(path);
    }
    if (paths.length >= MAX_FILES) this.session.connection.console.warn(`The workspace has more than ${MAX_FILES} YAML and JSON files; only the first ${MAX_FILES} are read.`);
    // A few reads at a time: one by one, the disk's latency adds up over a thousand files.
    const found = new Map<string, IndexedFile>();
    let next = 0;
    const reader = async (): Promise<void> => {
      while (next < paths.length) {
        const uri = pathToFileURL(paths[next++] as string).href;
        const read = await this.readFile(uri);
        if (read) found.set(uri, read);
      }
    };
    await Promise.all(Array.from({ length: PARALLEL_READS }, reader));
    this.files.clear();
    // In the order the folders were walked, so that every analysis sees the files in the same order.
    for (const path of paths) {
      const uri = pathToFileURL(path).href;
      const file = found.get(uri);
      if (file) this.files.set(uri, file);
    }
    this.filesVersion++;
    this.changed();
  }

  /** A file's text, or undefined when it is excluded, too large, binary, gone or outside the folders' kinds. */
  private async readFile(uri: string): Promise<IndexedFile | undefined> {
    const path = pathOf(uri);
    if (path === undefined || !isIndexedName(path) || isExcludedFile(uri, this.session.settings.exclude)) return undefined;
    if (path.split(/[\\/]/).some((part) => SKIPPED_DIRECTORIES.has(part))) return undefined;
    try {
      const stat = await fs.stat(path);
      if (!stat.isFile() || stat.size > this.session.settings.maxFileSize * 1024 * 1024) return undefined;
      const read = decodeText(await fs.readFile(path));
      if (!read.ok) return undefined;
      const template = MAY_BE_TEMPLATE.test(read.text) && !path.endsWith(PROJECT_FILE_NAME);
      return { text: read.text, template, deployment: !template && /\.(ya?ml|json)$/i.test(path) && isDeploymentFile(read.text) };
    } catch {
      return undefined;
    }
  }
}

function isIndexedName(path: string): boolean {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  return TEMPLATE_EXTENSIONS.has(extname(name).toLowerCase()) || name === SAMCONFIG;
}

/** One spelling per file: clients percent-encode URIs differently (`c%3A` or `c:`). */
export function canonicalUri(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return pathToFileURL(fileURLToPath(uri)).href;
  } catch {
    return undefined;
  }
}

function pathOf(uri: string): string | undefined {
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}
