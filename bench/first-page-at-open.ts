import type { Browser } from 'playwright-core';
import { BASELINE_COMMIT, buildBaselineRenderer } from './baseline-renderer.js';
import { withJobsDatabase, type Opening } from './first-page.js';
import { bindingTransport, loopbackTransport, type Transport } from './ipc-transports.js';
import { fmt, percentile, table } from './stats.js';
import { BenchSite } from './worker-site.js';

/** The figure: the first page of the window over this many jobs in the database. */
const DATABASE_JOBS = 50_000;
const FIRST_PAGE_TARGET_MS = 100;
/** Openings of the window per renderer and transport (all of them taking turns). */
const OPENINGS = 11;
/** The transport the target is judged on: the one nearer to Electron's IPC. */
const JUDGED = loopbackTransport;
const TRANSPORTS = [loopbackTransport, bindingTransport];

/**
 * Chromium switches for the bench: the rows' videos and previews (https, elsewhere) fail to resolve
 * inside Chromium, so nothing leaves the machine and no request waits on Playwright (a `page.route`
 * would make Playwright's process hold every request of the page, the loopback IPC's among them).
 */
export const OFFLINE_CHROMIUM = [
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
  '--no-proxy-server',
];

interface Series {
  name: string;
  transport: Transport;
  runs: Opening[];
}

/**
 * The figure, this window beside the baseline's, each over both transports, all over one
 * database, in turns. Judged on the IPC-like transport; the Playwright binding's figure is printed beside it.
 */
export async function firstPageAtOpen(browser: Browser): Promise<boolean> {
  const baseline = buildBaselineRenderer();
  const windows: { name: string; site: BenchSite }[] = [
    { name: 'this build', site: await BenchSite.start() },
  ];
  if ('dir' in baseline) {
    windows.push({
      name: `before (${BASELINE_COMMIT.slice(0, 7)})`,
      site: await BenchSite.start(baseline.dir),
    });
  }
  try {
    const series: Series[] = windows.flatMap(({ name }) =>
      TRANSPORTS.map((transport) => ({ name, transport, runs: [] })),
    );
    await withJobsDatabase(DATABASE_JOBS, async (open) => {
      for (let i = 0; i < OPENINGS; i++) {
        for (const s of series) {
          const { site } = windows.find((w) => w.name === s.name)!;
          s.runs.push(await open(browser, site, s.transport));
        }
      }
    });
    print(series);
    if ('unavailable' in baseline) console.log(`(no baseline: ${baseline.unavailable})`);
    return verdict(series);
  } finally {
    for (const { site } of windows) await site.close();
  }
}

const median = (runs: Opening[], figure: (r: Opening) => number) => percentile(runs.map(figure), 50);
const p = (runs: Opening[], key: keyof Opening, q: number) =>
  fmt(
    percentile(
      runs.map((r) => r[key]),
      q,
    ),
  );

function print(series: Series[]): void {
  console.log(
    `\nfirst page at open over ${DATABASE_JOBS.toLocaleString('en')} jobs in the database: real IPC ` +
      `handler, contract and store (a fresh connection per opening), ${OPENINGS} openings per window ` +
      `and transport, in turns`,
  );
  console.log(
    table([
      [
        'window, transport',
        'request→painted p50/p95',
        'open→painted p50/p95',
        'asked at',
        'script eval',
        'main (store)',
        'transfer (empty)',
        'wire / page busy',
        'empty, idle',
        'answer→DOM',
        'DOM→painted',
        'rows / size',
      ],
      ...series.map(({ name, transport, runs }) => [
        `${name}, ${transport.label}`,
        `${p(runs, 'total', 50)} / ${p(runs, 'total', 95)} ms`,
        `${p(runs, 'fromOpen', 50)} / ${p(runs, 'fromOpen', 95)} ms`,
        `${p(runs, 'asked', 50)} ms`,
        `${p(runs, 'evaluation', 50)} ms`,
        `${p(runs, 'main', 50)} (${p(runs, 'store', 50)}) ms`,
        `${p(runs, 'transfer', 50)} (${p(runs, 'emptyRoundTrip', 50)}) ms`,
        `${p(runs, 'wire', 50)} / ${p(runs, 'pageBusy', 50)} ms`,
        `${p(runs, 'idleRoundTrip', 50)} ms`,
        `${p(runs, 'toDom', 50)} ms`,
        `${p(runs, 'toPaint', 50)} ms`,
        `${p(runs, 'rows', 50)} / ${fmt(median(runs, (r) => r.bytes) / 1024)} KiB`,
      ]),
    ]),
  );
  console.log(
    '(medians but where p95 is given; "asked at" counts from navigation; transfer is the way to the ' +
      "main process and back, Electron's IPC in the app, and includes waiting for the page's main " +
      "thread; empty is getState's round trip over the same transport, asked at the same moment and " +
      "answered at once: the transport's share, and the page's main thread busy meanwhile; \"wire / page " +
      "busy\" splits the loopback's transfer by Resource Timing: the fetch to the answer's last byte " +
      "(main included), then to the answer in the window's hands (its main thread busy evaluating and " +
      'rendering, as it would be in the app); "empty, idle" is that round trip once the rows ' +
      `are painted. ${loopbackTransport.label}: an HTTP POST per invoke to the server of the page, ` +
      "same origin, events over an EventSource, main process and server on a worker thread; the CSP is the renderer's but for " +
      "connect-src 'self', sent as a header. Playwright binding: exposeBinding, over the DevTools " +
      'protocol, main process in the Playwright process; media fail to resolve inside Chromium)',
  );
}

function verdict(series: Series[]): boolean {
  const now = (transport: Transport) =>
    series.find((s) => s.name === 'this build' && s.transport === transport)!;
  const before = (transport: Transport) =>
    series.find((s) => s.name !== 'this build' && s.transport === transport);
  const judged = now(JUDGED);
  const met = median(judged.runs, (r) => r.total) <= FIRST_PAGE_TARGET_MS;
  const figure = (s: Series | undefined) => (s ? `${p(s.runs, 'total', 50)} ms` : 'n/a');
  // What the window would take with a round trip near zero: the transport's own share removed.
  const own = (s: Series | undefined) =>
    s ? `${fmt(median(s.runs, (r) => r.total - r.emptyRoundTrip))} ms` : 'n/a';
  console.log(
    `first page at open, request → rows painted, judged over ${JUDGED.label}: p50 ${figure(judged)} ` +
      `(target ≤ ${FIRST_PAGE_TARGET_MS} ms) → ${met ? 'met' : 'NOT met'} (before: ${figure(before(JUDGED))}); ` +
      `over the ${bindingTransport.label}: p50 ${figure(now(bindingTransport))} ` +
      `(before: ${figure(before(bindingTransport))}). Less the empty round trip asked with it (an ` +
      "understatement: that round trip also waits on the page's main thread, as the app would): " +
      TRANSPORTS.map((t) => `${t.label} ${own(now(t))} (before: ${own(before(t))})`).join(', '),
  );
  return met;
}
