/**
 * What the client does when the language server stops unexpectedly: it restarts the server and tells
 * the user once per session (not at every crash); after five crashes within three minutes it stops
 * trying and says how to start the server again, so that a server that cannot start does not loop.
 */
import { window } from 'vscode';
import { CloseAction, ErrorAction, type CloseHandlerResult, type ErrorHandler, type ErrorHandlerResult, type Message } from 'vscode-languageclient/node';

/** Crashes within this window count towards giving up. */
const WINDOW_MS = 3 * 60 * 1000;
const MAX_CRASHES = 5;

export function restartingErrorHandler(showOutput: () => void): ErrorHandler {
  const crashes: number[] = [];
  let told = false;
  return {
    error(_error: Error, _message: Message | undefined, count: number | undefined): ErrorHandlerResult {
      // A broken message or two is survivable; a stream of them means the connection is gone.
      return { action: (count ?? 0) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown };
    },
    closed(): CloseHandlerResult {
      const now = Date.now();
      crashes.push(now);
      while (crashes.length > 0 && now - (crashes[0] ?? now) > WINDOW_MS) crashes.shift();
      if (crashes.length >= MAX_CRASHES) {
        const message = `CloudFormation Network Lens: the language server stopped ${crashes.length} times in three minutes, so it was not restarted again. Run "CloudFormation Network Lens: Restart Language Server" to try again.`;
        void window.showErrorMessage(message, 'Show Output').then((choice) => choice && showOutput());
        return { action: CloseAction.DoNotRestart, handled: true };
      }
      if (!told) {
        told = true;
        void window.showWarningMessage('CloudFormation Network Lens: the language server stopped unexpectedly and was restarted.', 'Show Output').then((choice) => choice && showOutput());
      }
      return { action: CloseAction.Restart, handled: true };
    },
  };
}
