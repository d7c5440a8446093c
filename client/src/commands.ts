/**
 * Commands the server's code lenses call and only the VS Code client can run.
 * `cfnNetworkLens.revealBlockedClients` (the private DNS lens above an interface endpoint) opens a
 * peek view at the endpoint with the workloads and subnets whose calls it blocks, so that the author
 * sees who loses the service without leaving the endpoint.
 */
import { commands, window, type Disposable } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { REVEAL_BLOCKED_CLIENTS_COMMAND, type RevealBlockedClientsArguments } from '../../server/src/lsp/protocol';

export function registerLensCommands(client: LanguageClient): Disposable {
  return commands.registerCommand(REVEAL_BLOCKED_CLIENTS_COMMAND, async (argument?: RevealBlockedClientsArguments) => {
    if (!argument || !Array.isArray(argument.locations)) return;
    if (argument.locations.length === 0) {
      await window.showInformationMessage('No client of this endpoint is blocked.');
      return;
    }
    const converter = client.protocol2CodeConverter;
    await commands.executeCommand(
      'editor.action.peekLocations',
      converter.asUri(argument.uri),
      converter.asPosition(argument.position),
      argument.locations.map((location) => converter.asLocation(location)),
      'peek',
    );
  });
}
