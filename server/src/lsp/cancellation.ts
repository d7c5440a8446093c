/**
 * Cancellation for requests: a handler first lets the messages already on the wire be read (a
 * `$/cancelRequest` for this very request, or newer edits), and a request cancelled by then answers
 * with `RequestCancelled` instead of computing an answer nobody will read.
 */
import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';

/** Wraps a request handler so that it yields once and honours cancellation before it starts. */
export function cancellable<P, R>(handler: (params: P) => R | Promise<R>): (params: P, token: CancellationToken) => Promise<R> {
  return async (params, token) => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
    return handler(params);
  };
}
