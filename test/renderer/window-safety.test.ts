import { describe, expect, it } from 'vitest';
import { until } from '../helpers/app-harness.js';
import { useSimulatedApi, useWindow, WINDOW_TOKEN } from '../helpers/window-harness.js';

const { withSim } = useSimulatedApi();
const openWindow = useWindow();
const TOKEN = WINDOW_TOKEN;

const XSS = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=2">',
  '<svg onload="window.__xss=3">',
  '"><script>alert(4)</script>',
  "'><img src=x onerror=alert(5)>",
  '<iframe src="javascript:alert(6)"></iframe>',
  '<a href="javascript:alert(7)">x</a>',
  '<body onload=alert(8)>',
  '<details open ontoggle=alert(9)>',
  '<video><source onerror="alert(10)"></video>',
  '<audio src=x onerror=alert(11)>',
  '<input autofocus onfocus=alert(12)>',
  '<marquee onstart=alert(13)>',
  '<object data="javascript:alert(14)">',
  '<embed src="javascript:alert(15)">',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(16)>',
  '<style>@import "javascript:alert(17)"</style>',
  '<link rel=import href="data:text/html,<script>alert(18)</script>">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(19)">',
  '<form action="javascript:alert(20)"><button>x</button></form>',
  '{{constructor.constructor("alert(21)")()}}',
  '${alert(22)}',
  '`${window.__xss=23}`',
  '</textarea><script>alert(24)</script>',
  '</title><script>alert(25)</script>',
  '<scr<script>ipt>alert(26)</scr</script>ipt>',
  '<IMG SRC=JaVaScRiPt:alert(27)>',
  '<img src="x" onerror="&#97;&#108;&#101;&#114;&#116;(28)">',
  '<img src=x onerror=\\u0061lert(29)>',
  '<svg><script>alert(30)</script></svg>',
  '<svg><animate onbegin=alert(31) attributeName=x dur=1s>',
  '<div style="background:url(javascript:alert(32))">',
  '<x onclick=alert(33)>click</x>',
  '<template><img src=x onerror=alert(34)></template>',
  '<noscript><p title="</noscript><img src=x onerror=alert(35)>">',
  '<base href="javascript:alert(36)//">',
  '<isindex action=javascript:alert(37) type=image>',
  '<select autofocus onfocus=alert(38)>',
  '<textarea autofocus onfocus=alert(39)>',
  '<keygen autofocus onfocus=alert(40)>',
  '<video poster=javascript:alert(41)>',
  '<button formaction=javascript:alert(42)>x</button>',
  '<frameset onload=alert(43)>',
  '<table background="javascript:alert(44)">',
  '<image src=x onerror=alert(45)>',
  '<img srcset=",,,,,x" onerror=alert(46)>',
  '<svg><a xlink:href="javascript:alert(47)"><text>x</text></a></svg>',
  'javascript:alert(48)',
  '<img src=x:alert(49) onerror=eval(src)>',
  '<p onmouseover=alert(50)>hover</p>',
  '\u202E<img src=x onerror=alert(51)>',
];

describe('rendering cost', () => {
  it("re-renders only the changed job's row when one job is updated", async () => {
    const w = await openWindow({ token: TOKEN, settings: { pollIntervalSec: 3600 } });
    for (let i = 1; i <= 6; i++)
      await w.page.evaluate((jobid) => window.pixverse.addJob(jobid), `row-job-${i}`);
    await w.page.locator('job-row', { hasText: 'row-job-6' }).waitFor();
    await w.page.waitForTimeout(100);
    const touched = (await w.page.evaluate(`new Promise((resolve) => {
      const rows = new Set();
      const observer = new MutationObserver((records) => {
        for (const r of records) {
          const node = r.target.nodeType === 1 ? r.target : r.target.parentElement;
          const row = node && node.closest('job-row');
          rows.add(row ? row.querySelector('.jobid').textContent : 'outside a row');
        }
      });
      observer.observe(document.querySelector('job-list'), { subtree: true, childList: true, characterData: true, attributes: true });
      window.pixverse.queryJobs({ filter: 'all', search: '', offset: 0, limit: 500 }).then((page) => {
        const job = page.rows.find((j) => j.jobid === 'row-job-3');
        window.__pixverseEmit('jobChanged', { ...job, notice: 'A fresh notice (42%)' });
        setTimeout(() => { observer.disconnect(); resolve([...rows]); }, 200);
      });
    })`)) as string[];
    expect(touched).toEqual(['row-job-3']);
    await w.page.locator('job-row', { hasText: 'A fresh notice (42%)' }).waitFor();
  });
});

describe('hostile text from the API', () => {
  it(`renders ${XSS.length} XSS payloads in prompt, content and error as text, running none`, async () => {
    expect(XSS.length).toBeGreaterThanOrEqual(50);
    const { sim, settings } = await withSim();
    const jobs = XSS.map((payload, i) =>
      sim.addJob({
        timeline: [{ atMs: 0, status: i % 2 ? 'failed' : 'progress' }],
        prompt: payload,
        extra: { content: payload, error: payload, embeds: [{ image: { url: `javascript:alert(${i})` } }] },
      }),
    );
    const w = await openWindow({ token: TOKEN, settings: { ...settings, pollIntervalSec: 3600 } });
    for (const job of jobs) await w.page.evaluate((id) => window.pixverse.addJob(id), job.jobid);
    await until(() => jobs.every((j) => w.controller.session!.store.get(j.jobid)?.job !== undefined)).catch(
      (e) => {
        console.log(
          jobs
            .map((j) => [
              j.jobid,
              w.controller.session!.store.get(j.jobid)?.lastError,
              w.controller.session!.store.get(j.jobid)?.state,
            ])
            .slice(0, 5),
          w.controller.state(),
        );
        throw e;
      },
    );
    await w.page.locator('job-row .badge', { hasText: 'failed' }).first().waitFor();
    // Scroll through the whole list so every row is rendered, and read what each shows.
    const shown = new Set<string>();
    for (let i = 0; i <= XSS.length; i += 4) {
      await w.page
        .locator('.scroller')
        .evaluate((el, top) => ((el as unknown as { scrollTop: number }).scrollTop = top), i * 96);
      await w.page.waitForTimeout(40);
      for (const text of await w.page.locator('job-row .prompt').allTextContents()) shown.add(text);
    }
    expect(XSS.filter((payload) => !shown.has(payload))).toEqual([]);
    expect(await w.page.evaluate(() => window.__xss)).toBeUndefined();
    expect(w.problems.dialogs).toEqual([]);
    expect(w.problems.errors).toEqual([]);
    expect(
      await w.page.evaluate(
        () =>
          document.querySelectorAll('job-row script, job-row img[src^="x"], job-row iframe, job-row svg')
            .length,
      ),
    ).toBe(0);
    expect(await w.page.locator('job-row img').count()).toBe(0); // javascript: previews never load
  });
});
