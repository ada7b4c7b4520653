import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import {
  buildTrayMenu,
  trayIconKind,
  trayTooltip,
  type TrayActions,
  type TrayState,
} from '../../main/app/tray-menu.js';
import { TRAY_BASE, trayJob } from '../helpers/tray-state.js';
import { v1Job } from '../helpers/v1-jobs.js';

const job = trayJob;
const base = TRAY_BASE;

function actions(): TrayActions & Record<string, ReturnType<typeof vi.fn>> {
  const names = [
    'addFromClipboard',
    'openAddForm',
    'openJob',
    'playVideo',
    'cancelJob',
    'pause',
    'resume',
    'openDownloads',
    'openWindow',
    'openSettings',
    'startDemo',
    'quit',
  ];
  return Object.fromEntries(names.map((n) => [n, vi.fn()])) as never;
}

const labels = (state: TrayState) =>
  buildTrayMenu(state, actions())
    .filter((i) => i.type !== 'separator')
    .map((i) => i.label);

describe('tray menu', () => {
  it('offers every action when running normally', () => {
    expect(labels(base)).toEqual([
      'Add Job from Clipboard',
      'Add Job…',
      'No jobs yet',
      'Pause Polling',
      'Open Downloads Folder',
      'Open PixVerse Tray',
      'Settings…',
      'Quit PixVerse Tray',
    ]);
  });

  it('shows Resume while paused, a token item on a credentials problem, the demo without a token', () => {
    expect(labels({ ...base, paused: 'user' })).toContain('Resume Polling');
    expect(labels({ ...base, paused: 'credentials' })).toContain('Polling stopped: set a new API token…');
    // A 402 is the subscription: renewing it and resuming is the way on, not a new token.
    const subscription = labels({ ...base, paused: 'subscription' });
    expect(subscription).toContain('Resume Polling (after renewing the subscription)');
    expect(subscription.join('\n')).not.toMatch(/token/i);
    expect(labels({ ...base, tokenSet: false })).toContain('Try the Demo (no account needed)');
    expect(labels({ ...base, tokenSet: false, demo: true })).not.toContain(
      'Try the Demo (no account needed)',
    );
  });

  it('lists the 5 most recent jobs with their status', () => {
    const recent = [
      job('a', { state: 'completed', downloads: { k: { state: 'saved', bytes: 1, file: '/x/a.mp4' } } }),
      job('b', { state: 'failed' }),
      job('c'),
      job('d', { job: v1Job('d', { prompt: 'Tom & Jerry chase through a very very long kitchen scene' }) }),
      job('e'),
      job('f'),
    ];
    const list = labels({ ...base, recent });
    expect(list).toContain('prompt of a — saved');
    expect(list).toContain('prompt of b — failed');
    expect(list).toContain('prompt of c — running');
    expect(list).toContain('Tom && Jerry chase through a very very l… — queued');
    expect(list.filter((l) => l?.startsWith('prompt of'))).toHaveLength(4);
    expect(list).not.toContain('prompt of f — running');
  });

  it('calls the matching action for each item', () => {
    const a = actions();
    const menu = buildTrayMenu({ ...base, recent: [job('a')], tokenSet: false }, a);
    const click = (label: string) =>
      menu.find((i) => i.label === label)!.click!(undefined as never, undefined as never, undefined as never);
    click('Add Job from Clipboard');
    click('Add Job…');
    const running = menu.find((i) => i.label === 'prompt of a — running')!
      .submenu as MenuItemConstructorOptions[];
    running.find((i) => i.label === 'Show in Window')!.click!(
      undefined as never,
      undefined as never,
      undefined as never,
    );
    click('Pause Polling');
    click('Open Downloads Folder');
    click('Open PixVerse Tray');
    click('Settings…');
    click('Try the Demo (no account needed)');
    click('Quit PixVerse Tray');
    expect(a.openJob).toHaveBeenCalledWith('a');
    for (const name of [
      'addFromClipboard',
      'openAddForm',
      'pause',
      'openDownloads',
      'openWindow',
      'openSettings',
      'startDemo',
      'quit',
    ]) {
      expect(a[name], name).toHaveBeenCalledTimes(1);
    }
    const paused = buildTrayMenu({ ...base, paused: 'user' }, a);
    paused.find((i) => i.label === 'Resume Polling')!.click!(
      undefined as never,
      undefined as never,
      undefined as never,
    );
    expect(a.resume).toHaveBeenCalledTimes(1);
  });

  it('has a tooltip with counts and an icon for each state', () => {
    expect(trayTooltip({ ...base, running: 3, downloading: 1 })).toBe(
      'PixVerse Tray — 3 running · 1 downloading',
    );
    expect(trayTooltip({ ...base, paused: 'user', offline: true })).toBe(
      'PixVerse Tray — 0 running · paused · offline',
    );
    expect(trayIconKind(base)).toBe('normal');
    expect(trayIconKind({ ...base, paused: 'user' })).toBe('paused');
    expect(trayIconKind({ ...base, paused: 'credentials' })).toBe('problem');
    expect(trayIconKind({ ...base, paused: 'subscription' })).toBe('problem');
    expect(trayIconKind({ ...base, tokenSet: false })).toBe('problem');
  });
});
