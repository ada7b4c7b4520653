import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildTrayMenu, type TrayActions } from '../../main/app/tray-menu.js';
import type { Job } from '../../main/core/jobs/job.js';
import type { TrackedJob } from '../../main/core/store/job-store-schema.js';
import { TRAY_BASE, trayJob } from '../helpers/tray-state.js';

const V2_ID = 'user:1234-pixverse:ann@example.com-video:998877';
const v2 = (fields: Partial<Job>, record: Partial<TrackedJob> = {}): TrackedJob =>
  trayJob(V2_ID, {
    source: 'v2',
    job: { source: 'v2', id: V2_ID, state: 'running', results: [], ...fields },
    ...record,
  });
const v1 = trayJob;
const base = TRAY_BASE;
const actions = () =>
  ({ openJob: vi.fn(), playVideo: vi.fn(), cancelJob: vi.fn() }) as unknown as TrayActions;
const click = (item: MenuItemConstructorOptions | undefined) =>
  item!.click!(undefined as never, undefined as never, undefined as never);

describe('the tray menu and v2 jobs', () => {
  it('offers "Stop Tracking at useapi" for a running v2 job and "Cancel Job" for a v1 job, each cancelling that job', () => {
    const a = actions();
    const menu = buildTrayMenu({ ...base, recent: [v2({ prompt: 'A lantern' }), v1('v1-job')] }, a);
    const submenu = (label: string) =>
      menu.find((i) => i.label === label)!.submenu as MenuItemConstructorOptions[];
    const v2Items = submenu('A lantern — running');
    expect(v2Items.map((i) => i.label)).toEqual([
      'Show in Window',
      'Stop Tracking at useapi (PixVerse Keeps Generating)',
    ]);
    expect(v2Items[1]!.toolTip).toMatch(/The generation goes on at PixVerse/);
    const v1Items = submenu('prompt of v1-job — running');
    expect(v1Items.map((i) => i.label)).toEqual(['Show in Window', 'Cancel Job']);
    click(v2Items[1]);
    click(v1Items[1]);
    expect(vi.mocked(a.cancelJob).mock.calls).toEqual([[V2_ID], ['v1-job']]);
  });

  it('names a v2 video without a prompt by its number, never by the id with the email; finished jobs just open', () => {
    const a = actions();
    const menu = buildTrayMenu({ ...base, recent: [v2({ state: 'completed' }, { state: 'completed' })] }, a);
    const item = menu.find((i) => i.label?.startsWith('PixVerse video'));
    expect(item?.label).toBe('PixVerse video 998877 — completed');
    expect(item?.submenu).toBeUndefined();
    click(item);
    expect(a.openJob).toHaveBeenCalledWith(V2_ID);
    expect(JSON.stringify(menu.map((i) => i.label))).not.toContain('@');
  });
});
