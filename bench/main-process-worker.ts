import { parentPort, workerData } from 'node:worker_threads';
import { serveRenderer } from '../test/helpers/browser.js';
import { openMainProcess } from './bench-main-process.js';
import { allowSameOriginConnect, LoopbackIpc } from './loopback-ipc.js';
import type { FromWorker, ToWorker } from './worker-site.js';

// The loopback's main process on its own thread, as Electron's is its own process: its event loop
// is not the one where Playwright handles the page's DevTools traffic while the page loads.
const port = parentPort!;
const reply = (message: FromWorker) => port.postMessage(message);
const ipc = new LoopbackIpc();
const server = await serveRenderer((workerData as { root?: string }).root, {
  intercept: ipc.intercept,
  policy: allowSameOriginConnect,
});
let main: ReturnType<typeof openMainProcess> | undefined;

port.on('message', (message: ToWorker) => {
  if (message.type === 'open') {
    main = openMainProcess(message.dbDir);
    ipc.answerWith(main.invoke);
    reply({ type: 'opened' });
  } else if (message.type === 'send') {
    ipc.send(message.channel, message.payload);
  } else if (message.type === 'close') {
    ipc.answerWith(undefined);
    const figures = main?.figures();
    main?.close();
    main = undefined;
    reply({ type: 'closed', figures });
  } else {
    void server.close().then(() => port.close());
  }
});
reply({ type: 'listening', url: server.url });
