import { describe, expect, it } from 'vitest';
import { useWindowStates, WINDOW_STATES } from '../helpers/window-states.js';

const openState = useWindowStates();
const stateNamed = (name: string) => WINDOW_STATES.find((s) => s.name === name)!;

/** The header's Pause/Resume control agrees with the banner: never "Pause" while polling is stopped. */
describe('the header polling control in the states that stop polling (Chromium)', () => {
  it.for([
    ['http-401', []],
    ['http-402', ['Resume polling']],
    ['paused', ['Resume polling']],
  ] as const)('%s', { timeout: 60_000 }, async ([name, offered]) => {
    const { w } = await openState(stateNamed(name), 'light');
    const control = w.page.locator('header .polling-control');
    await expect.poll(() => control.allTextContents().then((t) => t.map((s) => s.trim()))).toEqual(offered);
  });
});

describe('a row whose job has no creation time (Chromium)', () => {
  it('says nothing about its creation rather than a bare "created"', async () => {
    const { w } = await openState(stateNamed('not-found'), 'light');
    const sub = w.page.locator('job-row .sub').first();
    await w.page.locator('job-row .main').first().waitFor();
    expect((await sub.textContent())!.replace(/\s+/g, ' ').trim()).not.toMatch(/\bcreated( updated|$)/);
    expect(await sub.locator('clock-text:empty').count()).toBe(0);
  });
});

describe('the 429 banner (Chromium)', () => {
  it('reads as one sentence: the countdown and its full stop run on, not spread as flex items', async () => {
    const { w } = await openState(stateNamed('http-429'), 'light');
    const banner = w.page.locator('.banner.hold');
    await banner.locator('clock-text').waitFor();
    const gap = await banner.evaluate((element) => {
      type Box = { left: number; right: number };
      type Node = { nodeType: number; textContent: string | null; childNodes: ArrayLike<Node> };
      const doc = (
        globalThis as unknown as {
          document: { createRange(): { selectNode(n: Node): void; getBoundingClientRect(): Box } };
        }
      ).document;
      const clock = (
        element as unknown as { querySelector(s: string): { getBoundingClientRect(): Box } }
      ).querySelector('clock-text');
      const texts: Node[] = [];
      const walk = (node: Node) => {
        if (node.nodeType === 3 && node.textContent?.trim() === '.') texts.push(node);
        for (const child of Array.from(node.childNodes)) walk(child);
      };
      walk(element as unknown as Node);
      const range = doc.createRange();
      range.selectNode(texts[0]!);
      return range.getBoundingClientRect().left - clock.getBoundingClientRect().right;
    });
    expect(gap).toBeLessThan(3);
  });
});

describe('filter counts in the thousands at 360 px (Chromium, measured)', () => {
  it('keep each label and its count on one line', { timeout: 60_000 }, async () => {
    const { w } = await openState(stateNamed('ten-thousand'), 'light');
    await w.page.setViewportSize({ width: 360, height: 640 });
    const buttons = await w.page.locator('.filters button').all();
    await expect.poll(() => buttons[0]!.textContent()).toMatch(/10,000/);
    const search = (await w.page.locator('header input[type=search]').boundingBox())!;
    for (const button of buttons) {
      const box = (await button.boundingBox())!;
      expect(box.height, (await button.textContent()) ?? undefined).toBeLessThanOrEqual(search.height + 2);
    }
  });
});

describe('a row whose job has no prompt (Chromium)', () => {
  it('names it by its jobid once, not in its title and again under it', async () => {
    const { w } = await openState(stateNamed('not-found'), 'light');
    const row = w.page.locator('job-row').first();
    const jobid = (await row.locator('.jobid').textContent())!;
    const text = (await row.locator('.main').textContent())!;
    expect(text.split(jobid)).toHaveLength(2);
  });
});
