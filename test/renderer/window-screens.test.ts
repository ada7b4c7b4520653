import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifact } from '../helpers/browser.js';
import { settled } from '../helpers/window-state-steps.js';
import { useWindowStates, WINDOW_STATES, type WindowState } from '../helpers/window-states.js';

const openState = useWindowStates();
const WIDTHS = [360, 800, 1280] as const;
const HEIGHT = 720;
/** The width the Windows high-contrast look is taken at. */
const FORCED_WIDTH = 800;

interface Shot {
  file: string;
  width: number;
  look: string;
}
const taken = new Map<string, { state: WindowState; shots: Shot[]; note?: string }>();

/** The width a PNG file says it has (IHDR), or undefined when the file is not a PNG. */
function pngWidth(file: string): number | undefined {
  const head = fs.readFileSync(file).subarray(0, 24);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!head.subarray(0, 8).equals(signature) || head.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return head.readUInt32BE(16);
}

const escape = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** A page a reviewer pages through: each state, its caption, its shots side by side. */
function writeIndex(): void {
  const sections = WINDOW_STATES.flatMap((state) => {
    const entry = taken.get(state.name);
    if (!entry) return [];
    const shots = entry.shots
      .map(
        (s) =>
          `<figure><a href="${escape(s.file)}"><img src="${escape(s.file)}" width="${Math.round(s.width / 3)}" alt=""></a>` +
          `<figcaption>${s.width} px, ${s.look}</figcaption></figure>`,
      )
      .join('\n');
    const note = entry.note ? `<p><em>${escape(entry.note)}</em></p>` : '';
    return [
      `<section id="${state.name}"><h2>${escape(state.caption)} <small>(${state.name}, ${state.group})</small></h2>${note}\n${shots}</section>`,
    ];
  });
  const toc = WINDOW_STATES.filter((s) => taken.has(s.name))
    .map((s) => `<li><a href="#${s.name}">${escape(s.caption)}</a></li>`)
    .join('');
  const html = `<!doctype html><html lang="en"><meta charset="utf-8"><title>PixVerse Tray window: every state</title>
<style>body{font:14px system-ui;margin:16px}figure{display:inline-block;margin:4px;vertical-align:top}img{border:1px solid #888}section{border-top:1px solid #ccc;margin-top:16px}</style>
<h1>The jobs window in every state</h1><p>Widths ${WIDTHS.join(', ')} px at ${HEIGHT} px high, light and dark; Windows high contrast (forced-colors) at ${FORCED_WIDTH} px.</p>
<ol>${toc}</ol>\n${sections.join('\n')}\n</html>\n`;
  fs.writeFileSync(artifact('window/index.html'), html);
}

// Screenshots of an earlier run would be listed by nobody and mistaken for this run's.
beforeAll(() => {
  const folder = artifact('window/index.html').replace(/index\.html$/, '');
  for (const file of fs.readdirSync(folder)) if (file.endsWith('.png')) fs.rmSync(folder + file);
});
afterAll(writeIndex);

describe('screenshots of every state of the window (test-artifacts/window/)', () => {
  it.for(WINDOW_STATES.map((s) => [s.name, s] as const))(
    '%s at 360, 800 and 1280 px, light, dark and forced colors',
    { timeout: 60_000 },
    async ([, state], context) => {
      const { w, skipped } = await openState(state);
      const entry = { state, shots: [] as Shot[], note: skipped };
      taken.set(state.name, entry);
      if (skipped) {
        console.log(`${state.name}: skipped, ${skipped}`);
        return context.skip();
      }
      const shoot = async (width: number, look: string) => {
        await w.page.setViewportSize({ width, height: HEIGHT });
        await settled(w.page);
        const name = `${state.name}-${width}-${look}.png`;
        await w.page.screenshot({ path: artifact(`window/${name}`) });
        entry.shots.push({ file: name, width, look });
      };
      let overflow: number | undefined;
      for (const width of WIDTHS) {
        for (const colorScheme of ['light', 'dark'] as const) {
          await w.page.emulateMedia({ colorScheme, forcedColors: 'none' });
          await shoot(width, colorScheme);
        }
        if (width === 360)
          overflow = (await w.page.evaluate('document.documentElement.scrollWidth')) as number;
      }
      await w.page.emulateMedia({ colorScheme: 'light', forcedColors: 'active' });
      await shoot(FORCED_WIDTH, 'forced');

      for (const shot of entry.shots)
        expect(pngWidth(artifact(`window/${shot.file}`)), shot.file).toBe(shot.width);
      expect(entry.shots).toHaveLength(WIDTHS.length * 2 + 1);
      // Nothing is wider than the window at its narrowest: no horizontal scrolling.
      expect(overflow, 'document scrollWidth at 360 px').toBeLessThanOrEqual(360);
    },
  );
});
