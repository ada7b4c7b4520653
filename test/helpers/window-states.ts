import { APP_STATES, VIEW_STATES } from './window-app-states.js';
import { JOB_STATES } from './window-job-states.js';
import { settled, type StateWindow, type WindowState } from './window-state-steps.js';
import { useSimulatedApi, useWindow, WINDOW_TOKEN } from './window-harness.js';

export type { StateWindow, WindowState } from './window-state-steps.js';

/** Every state the window is checked in: jobs in each state, the app's states, and its views. */
export const WINDOW_STATES: readonly WindowState[] = [...JOB_STATES, ...APP_STATES, ...VIEW_STATES];

/**
 * Opens a window per state (call at the top of a test file: it sets up the browser and the
 * simulator): the app points at a fresh simulator that accepts WINDOW_TOKEN and polls rarely; the
 * jobs a state seeds into the store are neither polled nor downloaded, so they stay as written.
 */
export function useWindowStates() {
  const { withSim } = useSimulatedApi();
  const openWindow = useWindow();
  return async (
    state: WindowState,
    colorScheme: 'light' | 'dark' = 'light',
  ): Promise<{ w: StateWindow; skipped?: string }> => {
    const { sim, settings } = await withSim();
    const opened = await openWindow({
      token: state.token ?? WINDOW_TOKEN,
      settings: { ...settings, pollIntervalSec: 3600, ...state.settings },
      colorScheme,
    });
    const w = { ...opened, sim };
    const skipped = (await state.enter(w)) ?? undefined;
    await settled(w.page);
    return { w, skipped };
  };
}
