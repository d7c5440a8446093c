/**
 * "Show network impact of changes" (`cfnNetworkLens.showImpact`): what the editor's text of a
 * template does to the network compared with the file at git HEAD, or with the saved file when the
 * file is not in git (or the workspace is not trusted, where git never runs: a repository's
 * configuration can make git run programs). The client reads that base, since it knows about trust
 * and the server starts no processes, and asks the server (`cfnNetworkLens/impact`) for the report,
 * which opens as a markdown preview of a read-only virtual document. The same base is sent ahead of
 * time (`cfnNetworkLens/impactBase`) when a template is opened, saved or focused, and when the built-in
 * git extension sees a repository change (a commit moves HEAD), so that the server can put the impact
 * code lens at the top of a changed template; a base equal to the last one sent is not sent again.
 */
import { execFile } from 'node:child_process';
import { basename, dirname } from 'node:path';
import { Disposable, EventEmitter, Uri, commands, extensions, window, workspace, type Event, type ExtensionContext, type TextDocument, type TextDocumentContentProvider } from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { IMPACT_BASE_NOTIFICATION, IMPACT_REQUEST, SHOW_IMPACT_COMMAND, type ImpactBase, type ImpactBaseParams, type ImpactParams, type ImpactResult } from '../../server/src/lsp/protocol';

/** The scheme of the report documents the preview shows. */
const REPORT_SCHEME = 'cfn-network-lens-impact';

/** The languages whose documents the server analyses. */
const LANGUAGES: ReadonlySet<string> = new Set(['yaml', 'json', 'cloudformation']);

/** A git that hangs (a credential prompt, a huge repository) must not hold the command forever. */
const GIT_TIMEOUT_MS = 10_000;

export function registerImpact(context: ExtensionContext, getClient: () => LanguageClient | undefined): void {
  const reports = new Map<string, string>();
  const changed = new EventEmitter<Uri>();
  const provider: TextDocumentContentProvider = { onDidChange: changed.event, provideTextDocumentContent: (uri) => reports.get(uri.toString()) ?? '' };

  /** What was last sent per document, so that the server (which refreshes the lenses on each base) hears only of changes. */
  const lastSent = new Map<string, string>();
  const sendBase = async (document: TextDocument): Promise<void> => {
    const client = getClient();
    if (!client?.isRunning() || !isCandidate(document)) return;
    const params: ImpactBaseParams = { uri: document.uri.toString(), base: await readBase(document) };
    const key = `${params.base.label}\u0000${params.base.text ?? ''}`;
    if (lastSent.get(params.uri) === key) return;
    lastSent.set(params.uri, key);
    await client.sendNotification(IMPACT_BASE_NOTIFICATION, params);
  };
  const sendBaseQuietly = (document: TextDocument | undefined): void => {
    if (document) sendBase(document).catch(() => undefined);
  };

  context.subscriptions.push(
    changed,
    workspace.registerTextDocumentContentProvider(REPORT_SCHEME, provider),
    commands.registerCommand(SHOW_IMPACT_COMMAND, async (uri?: string) => {
      const client = getClient();
      const document = typeof uri === 'string' ? await workspace.openTextDocument(Uri.parse(uri)) : window.activeTextEditor?.document;
      if (!client || !document || !isCandidate(document)) {
        await window.showInformationMessage('Open a CloudFormation template to see the network impact of its changes.');
        return undefined;
      }
      const params: ImpactParams = { uri: document.uri.toString(), base: await readBase(document), name: workspace.asRelativePath(document.uri, false) };
      const result = await client.sendRequest<ImpactResult>(IMPACT_REQUEST, params);
      const reportUri = Uri.from({ scheme: REPORT_SCHEME, path: `/${basename(document.uri.path)} network impact.md`, query: document.uri.toString() });
      reports.set(reportUri.toString(), result.markdown);
      changed.fire(reportUri);
      await showPreview(reportUri);
      // Returned for tests and for other extensions that run the command.
      return result;
    }),
    workspace.onDidOpenTextDocument(sendBaseQuietly),
    workspace.onDidSaveTextDocument(sendBaseQuietly),
    window.onDidChangeActiveTextEditor((editor) => sendBaseQuietly(editor?.document)),
    workspace.onDidGrantWorkspaceTrust(() => workspace.textDocuments.forEach(sendBaseQuietly)),
  );
  // Documents open before the server was up, or before it restarted, get their base once it runs.
  const client = getClient();
  if (client) {
    context.subscriptions.push(
      client.onDidChangeState((event) => {
        if (event.newState !== State.Running) return;
        // A restarted server knows no base.
        lastSent.clear();
        workspace.textDocuments.forEach(sendBaseQuietly);
      }),
    );
  }
  workspace.textDocuments.forEach(sendBaseQuietly);
  void watchGitRepositories(() => workspace.textDocuments.forEach(sendBaseQuietly)).then((watching) => {
    if (watching) context.subscriptions.push(watching);
  });
}

/** The part of the built-in git extension's API (`vscode.git`, version 1) this file listens to. */
interface GitRepository {
  readonly state: { readonly onDidChange: Event<void> };
}
interface GitApi {
  readonly repositories: readonly GitRepository[];
  readonly onDidOpenRepository: Event<GitRepository>;
}
interface GitExtension {
  getAPI(version: 1): GitApi;
}

/**
 * Calls `onChange` when a repository the git extension knows changes (a commit, a checkout) or
 * appears. Only the events are used: the contents still come from `git show`, in trusted workspaces.
 * Without the git extension (disabled, or another editor), the other triggers remain.
 */
async function watchGitRepositories(onChange: () => void): Promise<Disposable | undefined> {
  try {
    const extension = extensions.getExtension<GitExtension>('vscode.git');
    if (!extension) return undefined;
    const git = (extension.isActive ? extension.exports : await extension.activate()).getAPI(1);
    const subscriptions: Disposable[] = [];
    const watch = (repository: GitRepository) => subscriptions.push(repository.state.onDidChange(onChange));
    git.repositories.forEach(watch);
    subscriptions.push(
      git.onDidOpenRepository((repository) => {
        watch(repository);
        onChange();
      }),
    );
    return Disposable.from(...subscriptions);
  } catch {
    return undefined;
  }
}

function isCandidate(document: TextDocument): boolean {
  return (document.uri.scheme === 'file' || document.uri.scheme === 'untitled') && (LANGUAGES.has(document.languageId) || document.uri.path.endsWith('.template'));
}

async function showPreview(uri: Uri): Promise<void> {
  try {
    await commands.executeCommand('markdown.showPreview', uri);
  } catch {
    // Without the built-in markdown extension, the markdown itself is still readable.
    await window.showTextDocument(await workspace.openTextDocument(uri), { preview: true });
  }
}

/**
 * What the document is compared with: the file at git HEAD in a trusted workspace when git has it,
 * else the saved file, else nothing (a new file).
 */
export async function readBase(document: TextDocument): Promise<ImpactBase> {
  if (document.uri.scheme !== 'file') return { text: null, label: 'an empty file (the document was never saved)' };
  if (workspace.isTrusted) {
    const head = await gitHead(document.uri.fsPath);
    if (head !== undefined) return { text: head, label: 'git HEAD' };
  }
  try {
    return { text: new TextDecoder('utf-8').decode(await workspace.fs.readFile(document.uri)), label: 'the saved file' };
  } catch {
    return { text: null, label: 'an empty file (the file is not saved yet)' };
  }
}

/** The file's content at HEAD with `git show HEAD:./<name>` from its folder, without a shell; undefined when git does not have it. */
function gitHead(path: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(
      'git',
      ['show', `HEAD:./${basename(path)}`],
      { cwd: dirname(path), shell: false, encoding: 'buffer', maxBuffer: 64 * 1024 * 1024, timeout: GIT_TIMEOUT_MS, windowsHide: true },
      (error, stdout) => {
        if (error) {
          resolve(undefined);
          return;
        }
        try {
          resolve(new TextDecoder('utf-8', { fatal: true }).decode(stdout));
        } catch {
          resolve(undefined);
        }
      },
    );
  });
}
