// The window's only door to the main process. Sandboxed preloads cannot load local modules, so the
// channel names are spelled out here; typing `bridge` as PixverseBridge keeps them in step with the contract.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type {
  EventChannel,
  EventPayload,
  InvokeArgs,
  InvokeChannel,
  InvokeResult,
  PixverseBridge,
} from './ipc/contract.js' with { 'resolution-mode': 'import' };

const invoke =
  <C extends InvokeChannel>(name: C) =>
  (...args: InvokeArgs<C>) =>
    ipcRenderer.invoke(`pixverse:${name}`, ...args) as Promise<InvokeResult<C>>;

const subscribe =
  <E extends EventChannel>(name: E) =>
  (listener: (payload: EventPayload<E>) => void) => {
    const channel = `pixverse:${name}`;
    // The renderer's listener never sees the IPC event object (it carries the sender).
    const wrapped = (_event: IpcRendererEvent, payload: EventPayload<E>) => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  };

const bridge: PixverseBridge = {
  queryJobs: invoke('queryJobs'),
  countJobs: invoke('countJobs'),
  addJob: invoke('addJob'),
  removeJob: invoke('removeJob'),
  restoreJob: invoke('restoreJob'),
  cancelJob: invoke('cancelJob'),
  downloadJob: invoke('downloadJob'),
  copyJobText: invoke('copyJobText'),
  indexOfJob: invoke('indexOfJob'),
  openFile: invoke('openFile'),
  revealFile: invoke('revealFile'),
  getSettings: invoke('getSettings'),
  setSettings: invoke('setSettings'),
  getState: invoke('getState'),
  setToken: invoke('setToken'),
  clearToken: invoke('clearToken'),
  chooseFolder: invoke('chooseFolder'),
  thumbnail: invoke('thumbnail'),
  startDemo: invoke('startDemo'),
  pause: invoke('pause'),
  resume: invoke('resume'),
  onJobChanged: subscribe('jobChanged'),
  onJobRemoved: subscribe('jobRemoved'),
  onStateChanged: subscribe('stateChanged'),
  onShowView: subscribe('showView'),
  onSelectJob: subscribe('selectJob'),
};

contextBridge.exposeInMainWorld('pixverse', bridge);
