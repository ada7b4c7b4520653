import { describe, expect, it } from 'vitest';
import { DEFAULT_BASE_URL } from '../../main/core/api/api-client.js';
import { dialog } from '../fakes/electron.js';
import { until } from '../helpers/app-harness.js';
import { useWindow, WINDOW_TOKEN } from '../helpers/window-harness.js';

const openWindow = useWindow();
// The real API's URL, for its 10 s minimum: no job is tracked and nothing discovered, so no request goes out.
const SETTINGS = { pollIntervalSec: 30, apiBaseUrl: DEFAULT_BASE_URL, autoDiscovery: false };

async function settingsPage(options: Parameters<typeof openWindow>[0] = {}) {
  const w = await openWindow({ token: WINDOW_TOKEN, settings: SETTINGS, ...options });
  await w.page.getByRole('button', { name: 'Settings' }).click();
  await w.page.locator('#interval').waitFor();
  return w;
}

describe('the settings page (Chromium)', () => {
  it('refuses an out-of-range poll interval next to the field, shows the value in force, and clears the message once fixed', async () => {
    const w = await settingsPage();
    const interval = w.page.locator('#interval');
    const message = w.page.locator('#interval-error');
    for (const [typed, why] of [
      ['5000', 'At most one hour.'],
      ['0', 'The poll interval is at least 1 second (10 seconds with useapi.net).'],
      ['5', 'useapi.net asks for at least 10 seconds between polls.'],
    ] as const) {
      await interval.fill(typed);
      await interval.dispatchEvent('change');
      await message.filter({ hasText: why }).waitFor();
      expect(await interval.getAttribute('aria-invalid')).toBe('true');
      expect(await interval.getAttribute('aria-describedby')).toContain('interval-error');
      // The field says what is in force, not what was refused.
      expect(await interval.inputValue()).toBe('30');
    }
    expect(w.controller.settings.pollIntervalSec).toBe(30);
    await interval.fill('20');
    await interval.dispatchEvent('change');
    await until(() => w.controller.settings.pollIntervalSec === 20);
    await expect.poll(() => message.textContent()).toBe('');
    expect(await interval.getAttribute('aria-invalid')).toBe('false');
    expect(w.problems).toEqual({ dialogs: [], errors: [], csp: [] });
  });

  it('asks before clearing the token (in the page, not window.confirm), and says it did', async () => {
    const w = await settingsPage();
    await w.page.getByRole('button', { name: 'Clear token' }).click();
    const ask = w.page.getByRole('dialog', { name: 'Clear the API token?' });
    await ask.waitFor();
    await ask.getByRole('button', { name: 'Keep the token' }).click();
    await ask.waitFor({ state: 'hidden' });
    expect(w.controller.vault.status().set).toBe(true);
    await w.page.getByRole('button', { name: 'Clear token' }).click();
    await ask.getByRole('button', { name: 'Clear the token' }).click();
    await w.page.locator('.settings [role=status]', { hasText: 'Token cleared.' }).waitFor();
    await expect.poll(() => w.page.locator('.token-state').textContent()).toBe('Not set');
    expect(w.controller.vault.status().set).toBe(false);
    // The Clear token button went with the token: the focus is on the token field, not lost.
    expect(await w.page.evaluate('document.activeElement?.id')).toBe('token');
    expect(w.problems).toEqual({ dialogs: [], errors: [], csp: [] });
  });

  it.each([
    ['          ', 'Paste your useapi.net API token first.'],
    ['', 'Paste your useapi.net API token first.'],
    ['abc', 'That is too short to be an API token.'],
  ])('refuses the token %j under its field, in plain words', async (typed, why) => {
    const w = await settingsPage();
    const token = w.page.locator('#token');
    await token.fill(typed);
    await w.page.getByRole('button', { name: 'Save token' }).click();
    await w.page.locator('#token-error', { hasText: why }).waitFor();
    expect(await token.getAttribute('aria-invalid')).toBe('true');
    expect(await w.page.locator('.settings').textContent()).not.toContain('Refused');
    expect(w.controller.vault.status().last4).toBe(WINDOW_TOKEN.slice(-4));
  });

  it('takes a cancelled folder picker as no change, not as an error', async () => {
    const w = await settingsPage();
    const before = w.controller.settings.downloadFolder;
    dialog.next = { canceled: true, filePaths: [] };
    await w.page.getByRole('button', { name: 'Choose folder…' }).click();
    await w.page.waitForTimeout(300);
    expect(await w.page.locator('#folder-error').textContent()).toBe('');
    expect(
      await w.page.getByRole('button', { name: 'Choose folder…' }).getAttribute('aria-invalid'),
    ).not.toBe('true');
    expect(w.controller.settings.downloadFolder).toBe(before);
  });

  it('refuses a download folder where no file can be created, and says why next to it', async () => {
    const w = await settingsPage();
    const before = w.controller.settings.downloadFolder;
    // /proc/self exists and is a folder, but no file can be made there (not even by root).
    dialog.next = { canceled: false, filePaths: ['/proc/self'] };
    await w.page.getByRole('button', { name: 'Choose folder…' }).click();
    await w.page
      .locator('#folder-error', { hasText: /PixVerse Tray cannot save videos in \/proc\/self/ })
      .waitFor();
    expect(w.controller.settings.downloadFolder).toBe(before);
    await expect(w.page.locator('.folder code').textContent()).resolves.toBe(before);
  });
});
