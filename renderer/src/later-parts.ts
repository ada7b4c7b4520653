/**
 * What the first rows do not need, in chunks of their own (Vite splits at each `import()`): fetched
 * and evaluated once the rows are on screen, or at once when asked for sooner. Same-origin scripts,
 * which the window's `script-src 'self'` allows.
 */
const once = <T>(load: () => Promise<T>): (() => Promise<T>) => {
  let loading: Promise<T> | undefined;
  return () => (loading ??= load());
};

/** Defines `<settings-view>`: one rendered before is upgraded then, with what it was given. */
export const loadSettingsView = once(() => import('./settings-view.js'));
/** The add form's check of what was pasted (the main process checks it again). */
export const loadJobidInput = once(() => import('../../main/core/api/jobid-input.js'));

/** Loads them all when the window is next idle: a click on Settings or Add does not wait. */
export function loadWhenIdle(): void {
  requestIdleCallback(() => void Promise.all([loadSettingsView(), loadJobidInput()]));
}
