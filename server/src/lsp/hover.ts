/**
 * Hovers: finds what the cursor is on with `ide/hover.ts`, loads the CloudFormation resource
 * specification only when the hover shows documentation from it (the first such hover pays for the
 * load, start-up never does), and wraps the markdown in `MarkupContent`. A failed hover answers
 * nothing and logs.
 */
import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver';
import { hoverTarget, renderHover, wantsResourceSpec } from '../ide/hover';
import type { Analysis, FileAnalysis } from '../ide/analysis';
import { defaultSpecPath, lazyResourceSpec } from './resource-spec';
import type { Session } from './session';
import { templateRequest } from './cancellation';

export const HOVER_CAPABILITY = true;

export function registerHover(session: Session, specPath: string | undefined = defaultSpecPath()): void {
  const spec = lazyResourceSpec(specPath, (message) => session.connection.console.log(message));
  session.connection.onHover(templateRequest(session, 'Hover', null as Hover | null, (analysis, entry, params: HoverParams) => hover(analysis, entry, params, spec)));
}

async function hover(analysis: Analysis, entry: FileAnalysis, params: HoverParams, spec: ReturnType<typeof lazyResourceSpec>): Promise<Hover | null> {
  const uri = params.textDocument.uri;
  const target = hoverTarget(analysis, uri, entry.lines.offsetAt(params.position));
  if (!target) return null;
  const result = renderHover(analysis, uri, target, wantsResourceSpec(target) ? await spec() : undefined);
  if (!result) return null;
  return { contents: { kind: MarkupKind.Markdown, value: result.markdown }, range: entry.lines.rangeAt(result.range) };
}
