/**
 * The network diagram request (`cfnNetworkLens/diagram`): the SVG of the VPCs of one document (or of
 * every VPC) drawn from the current analysis, its stylesheet, and the range of every resource it
 * draws, so that the client's webview can reveal a resource when its box is clicked. The client asks
 * again after each change; the analysis is the session's, so an unchanged workspace is not analysed twice.
 */
import { DIAGRAM_CSS, renderDiagram } from '../ide/graph';
import { lineRangeOf } from '../ide/analysis';
import { DIAGRAM_REQUEST, type DiagramParams, type DiagramResource, type DiagramResult } from './protocol';
import { describeError, type Session } from './session';
import { cancellable } from './cancellation';

export function registerDiagram(session: Session): void {
  session.connection.onRequest(DIAGRAM_REQUEST, cancellable((params: DiagramParams | undefined): DiagramResult => {
    try {
      return diagram(session, params ?? {});
    } catch (error) {
      session.connection.console.error(`Diagram failed: ${describeError(error)}`);
      return { svg: '', css: DIAGRAM_CSS, resources: [], vpcs: 0, empty: 'The diagram could not be drawn; the output channel has the error.' };
    }
  }));
}

function diagram(session: Session, params: DiagramParams): DiagramResult {
  const analysis = session.currentAnalysis();
  if (!analysis) return { svg: '', css: DIAGRAM_CSS, resources: [], vpcs: 0, empty: 'CloudFormation Network Lens is turned off (cfnNetworkLens.enable).' };
  const uri = typeof params.uri === 'string' ? params.uri : undefined;
  const rendered = renderDiagram(analysis, { format: 'svg', embedStyle: false, ...(uri !== undefined ? { files: [uri] } : {}) });
  const resources: DiagramResource[] = [];
  for (const source of rendered.resources) {
    const resource = analysis.files.get(source.file)?.template.resources.get(source.logicalId);
    if (!resource) continue;
    resources.push({ file: source.file, logicalId: source.logicalId, range: lineRangeOf(analysis, source.file, resource.keyNode.range) });
  }
  return {
    svg: rendered.text,
    css: DIAGRAM_CSS,
    resources,
    vpcs: rendered.diagram.vpcs.length,
    ...(rendered.diagram.empty !== undefined ? { empty: rendered.diagram.empty } : {}),
  };
}
