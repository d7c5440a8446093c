/**
 * Hovers: finds what the cursor is on with `ide/hover.ts`, loads the CloudFormation resource
 * specification only when the hover shows documentation from it (the first such hover pays for the
 * load, start-up never does), and wraps the markdown in `MarkupContent`. A failed hover answers
 * nothing and logs.
 */
import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver';
import { hoverTarget, renderHover, wantsResourceSpec } from '../ide/hover';
import { defaultSpecPath, lazyResourceSpec } from './resource-spec';
import { describeError, type Session } from './session';
import { cancellable } from './cancellation';

export const HOVER_CAPABILITY = true;

export function registerHover(session: Session, specPath: string | undefined = defaultSpecPath()): void {
  const spec = lazyResourceSpec(specPath, (message) => session.connection.console.log(message));
  session.connection.onHover(cancellable(async (params) => {
    try {
      return await hover(session, params, spec);
    } catch (error) {
      session.connection.console.error(`Hover failed: ${describeError(error)}`);
      return null;
    }
  }));
}

async function hover(session: Session, params: HoverParams, spec: ReturnType<typeof lazyResourceSpec>): Promise<Hover | null> {
  const uri = params.textDocument.uri;
  const analysis = session.currentAnalysis();
  const entry = analysis?.files.get(uri);
  if (!analysis || !entry?.isTemplate) return null;
  const target = hoverTarget(analysis, uri, entry.lines.offsetAt(params.position));
  if (!target) return null;
  const result = renderHover(analysis, uri, target, wantsResourceSpec(target) ? await spec() : undefined);
  if (!result) return null;
  return { contents: { kind: MarkupKind.Markdown, value: result.markdown }, range: entry.lines.rangeAt(result.range) };
}
