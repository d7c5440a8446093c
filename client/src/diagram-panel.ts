/**
 * The "Network diagram" webview (`cfnNetworkLens.showDiagram`): the SVG the server draws for the
 * active template's VPCs (or every VPC), kept up to date as templates are edited, in VS Code's theme
 * colours. The server does all the drawing (`cfnNetworkLens/diagram`); this file only hosts it. The
 * view asks again, debounced, when a document changes, when diagnostics are published (a new analysis)
 * and when another template becomes active. Clicking a box (or Enter on it) posts its file and logical
 * id, and the client opens the file at the resource's range from the server's answer. The webview runs
 * under a strict content security policy: nothing but its own nonce'd style and script, no remote or
 * local resources (`localResourceRoots` is empty), and the SVG has no scripts or style attributes.
 */
import { randomBytes } from 'node:crypto';
import {
  Range,
  Selection,
  TextEditorRevealType,
  Uri,
  ViewColumn,
  commands,
  languages,
  window,
  workspace,
  type Disposable,
  type ExtensionContext,
  type TextDocument,
  type WebviewPanel,
} from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DIAGRAM_REQUEST, SHOW_DIAGRAM_COMMAND, type DiagramParams, type DiagramResult, type ShowDiagramArguments } from '../../server/src/lsp/protocol';

/** Folds a burst of keystrokes into one request. */
const REFRESH_DELAY_MS = 300;

/** Maps the diagram's CSS variables to VS Code's theme colours, so that the picture follows the theme. */
const THEME_CSS = `:root {
  --cnl-font-family: var(--vscode-font-family);
  --cnl-mono-font-family: var(--vscode-editor-font-family);
  --cnl-background: var(--vscode-editor-background);
  --cnl-foreground: var(--vscode-editor-foreground);
  --cnl-muted: var(--vscode-descriptionForeground);
  --cnl-vpc-fill: var(--vscode-sideBar-background, var(--vscode-editor-background));
  --cnl-vpc-stroke: var(--vscode-editorWidget-border, var(--vscode-contrastBorder, #888888));
  --cnl-zone-fill: var(--vscode-editorWidget-background);
  --cnl-subnet-fill: var(--vscode-editor-background);
  --cnl-subnet-stroke: var(--vscode-editorWidget-border, var(--vscode-contrastBorder, #888888));
  --cnl-internet: var(--vscode-charts-green);
  --cnl-allowed: var(--vscode-charts-green);
  --cnl-blocked: var(--vscode-editorError-foreground);
  --cnl-unknown: var(--vscode-editorWarning-foreground);
  --cnl-workload-fill: color-mix(in srgb, var(--vscode-charts-blue) 16%, var(--vscode-editor-background));
  --cnl-workload-stroke: var(--vscode-charts-blue);
  --cnl-interface-fill: color-mix(in srgb, var(--vscode-charts-purple) 16%, var(--vscode-editor-background));
  --cnl-interface-stroke: var(--vscode-charts-purple);
  --cnl-dns-tint: color-mix(in srgb, var(--vscode-charts-purple) 7%, var(--vscode-editor-background));
  --cnl-dns-fill: color-mix(in srgb, var(--vscode-charts-purple) 22%, var(--vscode-editor-background));
  --cnl-dns-stroke: var(--vscode-charts-purple);
  --cnl-dns-text: var(--vscode-editor-foreground);
  --cnl-focus: var(--vscode-focusBorder);
}
body { margin: 0; padding: 8px 12px; background: var(--vscode-editor-background); color: var(--vscode-foreground); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); }
#status { color: var(--vscode-descriptionForeground); margin: 0 0 8px; }
#diagram svg { display: block; }
#diagram [data-logical-id]:focus { outline: none; }
#diagram [data-logical-id]:focus-visible > .frame { stroke: var(--vscode-focusBorder); stroke-width: 2.5; }
`;

/** The webview's script: shows each SVG it is sent, and reports clicks on resources. */
const VIEW_SCRIPT = `(() => {
  const vscode = acquireVsCodeApi();
  const root = document.getElementById('diagram');
  const status = document.getElementById('status');
  let focusId;
  const focus = () => {
    for (const element of root.querySelectorAll('.focus')) element.classList.remove('focus');
    if (!focusId) return;
    let first;
    for (const element of root.querySelectorAll('[data-logical-id]')) {
      if (element.getAttribute('data-logical-id') !== focusId) continue;
      element.classList.add('focus');
      first = first || element;
    }
    if (first) first.scrollIntoView({ block: 'center', inline: 'center' });
  };
  window.addEventListener('message', (event) => {
    const message = event.data;
    if (!message || typeof message !== 'object') return;
    if (message.type === 'update') {
      root.innerHTML = message.svg;
      status.textContent = message.status;
      for (const element of root.querySelectorAll('[data-logical-id]')) {
        element.setAttribute('tabindex', '0');
        element.setAttribute('role', 'button');
      }
      focusId = message.focus || focusId;
      focus();
    } else if (message.type === 'focus') {
      focusId = message.logicalId;
      focus();
    }
  });
  const reveal = (target) => {
    const element = target && target.closest ? target.closest('[data-logical-id]') : null;
    if (!element) return;
    vscode.postMessage({ type: 'reveal', file: element.getAttribute('data-file'), logicalId: element.getAttribute('data-logical-id') });
  };
  root.addEventListener('click', (event) => reveal(event.target));
  root.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      reveal(event.target);
    }
  });
  vscode.postMessage({ type: 'ready' });
})();`;

interface PanelState {
  readonly panel: WebviewPanel;
  /** The template whose VPCs are drawn; undefined for every VPC. */
  target: string | undefined;
  focus: string | undefined;
  latest: DiagramResult | undefined;
  ready: boolean;
  /** The diagram stylesheet the page was built with: it goes in the page's nonce'd style, so a new one means a new page. */
  css: string | undefined;
  timer: NodeJS.Timeout | undefined;
  /** Answers to older requests are dropped. */
  generation: number;
}

/** Registers the command and everything that keeps an open diagram current. */
export function registerDiagramPanel(context: ExtensionContext, clientOf: () => LanguageClient | undefined): void {
  let state: PanelState | undefined;

  const refresh = async (current: PanelState): Promise<void> => {
    const client = clientOf();
    if (!client || state !== current) return;
    const generation = ++current.generation;
    let result: DiagramResult;
    try {
      const params: DiagramParams = current.target !== undefined ? { uri: current.target } : {};
      result = await client.sendRequest<DiagramResult>(DIAGRAM_REQUEST, params);
    } catch (error) {
      if (generation === current.generation) post(current, { type: 'update', svg: '', status: `The diagram could not be drawn: ${error instanceof Error ? error.message : String(error)}` });
      return;
    }
    if (generation !== current.generation || state !== current) return;
    current.latest = result;
    show(current);
  };

  const schedule = (current: PanelState | undefined, delay = REFRESH_DELAY_MS): void => {
    if (!current) return;
    if (current.timer) clearTimeout(current.timer);
    current.timer = setTimeout(() => {
      current.timer = undefined;
      void refresh(current);
    }, delay);
  };

  const open = async (argument?: ShowDiagramArguments): Promise<void> => {
    const requested = typeof argument?.uri === 'string' ? argument.uri : undefined;
    const target = requested ?? templateUri(window.activeTextEditor?.document);
    const focus = typeof argument?.logicalId === 'string' ? argument.logicalId : undefined;
    if (state) {
      state.target = target ?? state.target;
      state.focus = focus;
      state.panel.reveal(undefined, true);
      if (focus) post(state, { type: 'focus', logicalId: focus });
      void refresh(state);
      return;
    }
    const panel = window.createWebviewPanel('cfnNetworkLens.diagram', 'Network Diagram', { viewColumn: ViewColumn.Beside, preserveFocus: true }, { enableScripts: true, localResourceRoots: [], enableCommandUris: false });
    const created: PanelState = { panel, target, focus, latest: undefined, ready: false, css: undefined, timer: undefined, generation: 0 };
    state = created;
    const disposables: Disposable[] = [];
    panel.webview.html = pageHtml('');
    disposables.push(
      panel.webview.onDidReceiveMessage((message: unknown) => {
        if (!isMessage(message)) return;
        if (message.type === 'ready') {
          created.ready = true;
          if (created.latest) show(created);
          else void refresh(created);
        } else if (message.type === 'reveal' && typeof message.file === 'string' && typeof message.logicalId === 'string') {
          void reveal(created, message.file, message.logicalId);
        }
      }),
      panel.onDidChangeViewState(({ webviewPanel }) => {
        // A hidden webview is discarded; it says `ready` again when shown, so only the data needs to be current.
        if (webviewPanel.visible) schedule(created, 0);
      }),
      panel.onDidDispose(() => {
        if (created.timer) clearTimeout(created.timer);
        if (state === created) state = undefined;
        for (const disposable of disposables) disposable.dispose();
      }),
    );
  };

  context.subscriptions.push(
    commands.registerCommand(SHOW_DIAGRAM_COMMAND, (argument?: ShowDiagramArguments) => open(argument)),
    workspace.onDidChangeTextDocument((event) => {
      if (state && templateUri(event.document) !== undefined && event.contentChanges.length > 0) schedule(state);
    }),
    // Diagnostics are published after every analysis: the moment a new picture is ready to draw.
    languages.onDidChangeDiagnostics(() => schedule(state)),
    window.onDidChangeActiveTextEditor((editor) => {
      const uri = templateUri(editor?.document);
      if (!state || uri === undefined || uri === state.target) return;
      state.target = uri;
      state.focus = undefined;
      schedule(state, 0);
    }),
    { dispose: () => state?.panel.dispose() },
  );
}

function show(current: PanelState): void {
  const result = current.latest;
  if (!result) return;
  if (current.css !== result.css) {
    // The page reloads and says `ready` again, which shows the result.
    current.css = result.css;
    current.ready = false;
    current.panel.webview.html = pageHtml(result.css);
    return;
  }
  if (!current.ready) return;
  const where = current.target !== undefined ? ` of ${Uri.parse(current.target).path.split('/').pop() ?? current.target}` : '';
  const status = result.empty ?? `${result.vpcs === 1 ? 'One VPC' : `${result.vpcs} VPCs`}${where}. Click a box to reveal its resource; hover an edge or a label for why.`;
  post(current, { type: 'update', svg: result.svg, status, ...(current.focus ? { focus: current.focus } : {}) });
}

function post(current: PanelState, message: Record<string, unknown>): void {
  if (!current.ready) return;
  void current.panel.webview.postMessage(message);
}

async function reveal(current: PanelState, file: string, logicalId: string): Promise<void> {
  const resource = current.latest?.resources.find((candidate) => candidate.file === file && candidate.logicalId === logicalId);
  if (!resource) return;
  const uri = Uri.parse(resource.file);
  const range = new Range(resource.range.start.line, resource.range.start.character, resource.range.end.line, resource.range.end.character);
  const visible = window.visibleTextEditors.find((editor) => editor.document.uri.toString() === uri.toString());
  const document = visible?.document ?? (await workspace.openTextDocument(uri));
  const editor = await window.showTextDocument(document, { viewColumn: visible?.viewColumn ?? ViewColumn.One, preserveFocus: false });
  editor.selection = new Selection(range.start, range.end);
  editor.revealRange(range, TextEditorRevealType.InCenterIfOutsideViewport);
}

/** The document's URI when it may be a template (the server decides whether it is one). */
function templateUri(document: TextDocument | undefined): string | undefined {
  if (!document || (document.uri.scheme !== 'file' && document.uri.scheme !== 'untitled')) return undefined;
  const language = document.languageId;
  if (language === 'yaml' || language === 'json' || language === 'cloudformation' || document.uri.path.endsWith('.template')) return document.uri.toString();
  return undefined;
}

function isMessage(message: unknown): message is { type: string; file?: unknown; logicalId?: unknown } {
  return typeof message === 'object' && message !== null && typeof (message as { type?: unknown }).type === 'string';
}

/**
 * The page: a status line and the diagram, with the theme mapping and the server's diagram stylesheet.
 * Only the nonce'd style and script may run; the SVG the script inserts carries neither.
 */
function pageHtml(diagramCss: string): string {
  const nonce = randomBytes(16).toString('base64');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src 'none'; font-src 'none'; connect-src 'none'; frame-src 'none'; form-action 'none'; base-uri 'none';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Network Diagram</title>
<style nonce="${nonce}">
${THEME_CSS}
${diagramCss.replace(/<\//g, '<\\/')}
</style>
</head>
<body>
<p id="status">Drawing the network diagram…</p>
<div id="diagram"></div>
<script nonce="${nonce}">${VIEW_SCRIPT}</script>
</body>
</html>`;
}
