import { Notifier } from '../../main/app/notifier.js';
import { defaultSettings } from '../../main/core/settings.js';
import { Notification } from '../fakes/electron.js';
import { FakeClock } from './fake-clock.js';
import { testStore } from './test-store.js';

/**
 * A Notifier on a real store with the fake Electron notifications; `opened` lists what its clicks
 * opened: a file's path, or `job`, `jobs`, `settings` for the window's views.
 */
export function notifierHarness() {
  Notification.shown.length = 0;
  const { store } = testStore(new FakeClock());
  const opened: string[] = [];
  const notifier = new Notifier({
    create: (options) => new Notification(options) as never,
    store: () => store,
    settings: () => defaultSettings('/d'),
    openFile: (file) => opened.push(file),
    revealFile: () => {},
    showJob: () => opened.push('job'),
    showJobs: () => opened.push('jobs'),
    showSettings: () => opened.push('settings'),
  });
  return { store, notifier, opened };
}
