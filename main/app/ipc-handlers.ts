import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import {
  channelName,
  invokeContract,
  type InvokeArgs,
  type InvokeChannel,
  type InvokeResult,
} from '../ipc/contract.js';

export type IpcHandlers = {
  [C in InvokeChannel]: (...args: InvokeArgs<C>) => Promise<InvokeResult<C>> | InvokeResult<C>;
};

export class IpcRefusal extends Error {}

/**
 * Registers every channel of the contract. Each call must come from the app's own window and carry
 * arguments that parse; the result is parsed too, so nothing unplanned ever reaches the window.
 */
export function registerIpcHandlers(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  handlers: IpcHandlers,
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean,
  log: (message: string) => void = () => {},
): () => void {
  const channels = Object.keys(invokeContract) as InvokeChannel[];
  for (const channel of channels) {
    const contract = invokeContract[channel];
    ipcMain.handle(channelName(channel), async (event, ...raw: unknown[]) => {
      if (!isTrustedSender(event)) {
        log(`Refused ${channel} from an unknown sender`);
        throw new IpcRefusal('Refused: this request did not come from the PixVerse Tray window.');
      }
      const args = contract.args.safeParse(raw);
      if (!args.success) {
        throw new IpcRefusal(`Refused ${channel}: ${args.error.issues[0]?.message ?? 'invalid arguments'}`);
      }
      const handler = handlers[channel] as (...a: unknown[]) => unknown;
      return contract.result.parse(await handler(...(args.data as unknown[])));
    });
  }
  return () => channels.forEach((channel) => ipcMain.removeHandler(channelName(channel)));
}
