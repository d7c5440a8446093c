/**
 * Cancellation for requests: a handler first lets the messages already on the wire be read (a
 * `$/cancelRequest` for this very request, or newer edits), and a request cancelled by then answers
 * with `RequestCancelled` instead of computing an answer nobody will read.
 */
import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';
import type { Analysis, FileAnalysis } from '../ide/analysis';
import { describeError, type Session } from './session';

/** Wraps a request handler so that it yields once and honours cancellation before it starts. */
export function cancellable<P, R>(handler: (params: P) => R | Promise<R>): (params: P, token: CancellationToken) => Promise<R> {
  return async (params, token) => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
    return handler(params);
  };
}

/**
 * A cancellable request about one document that answers from the current analysis: `empty` when the
 * document is not an analysed template, and, logged as `<label> failed: …`, when answering throws.
 */
export function templateRequest<P extends { readonly textDocument: { readonly uri: string } }, R>(
  session: Session,
  label: string,
  empty: R,
  answer: (analysis: Analysis, entry: FileAnalysis, params: P) => R | Promise<R>,
): (params: P, token: CancellationToken) => Promise<R> {
  return cancellable(async (params: P) => {
    try {
      const analysis = session.currentAnalysis();
      const entry = analysis?.files.get(params.textDocument.uri);
      if (!analysis || !entry?.isTemplate) return empty;
      return await answer(analysis, entry, params);
    } catch (error) {
      session.connection.console.error(`${label} failed: ${describeError(error)}`);
      return empty;
    }
  });
}
