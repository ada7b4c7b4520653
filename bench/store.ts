import fs from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { toJobView } from '../main/app/job-view.js';
import { systemClock } from '../main/core/clock.js';
import { writeFileDurably } from '../main/core/files/durable-file.js';
import { loadDocument, storeFilePath } from '../main/core/store/job-store-file.js';
import { dictionary, type JobDocument, type TrackedJob } from '../main/core/store/job-store-schema.js';
import { openStoreIn } from '../main/core/store/open-store.js';
import { fmt, percentile, table } from './stats.js';
import { fromV1Answer } from '../main/core/api/v1/adapter.js';

const UPDATES = 1000;
const PAGE = 25; // the window's page (renderer/src/job-pages.ts)
const MiB = 1024 * 1024;

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** A job as the app stores it after it finished: its answer from the API, a saved download. */
function job(i: number): TrackedJob {
  const jobid = `user:1234-pixverse:bench@example.com-job:${1_150_000_000_000 + i}`;
  const at = Date.now() - (i % 20) * 86_400_000;
  return {
    jobid,
    addedAt: at,
    changedAt: at,
    state: i % 10 === 0 ? 'active' : i % 17 === 0 ? 'failed' : 'completed',
    finishAnnounced: i % 10 !== 0,
    notified: i % 10 === 0 ? [] : ['finished', `saved:${i}`],
    lastCheckedAt: at,
    source: 'v1',
    job: fromV1Answer(
      {
        jobid,
        verb: 'pixverse-create',
        status: 'completed',
        created: new Date(at).toISOString(),
        updated: new Date(at + 300_000).toISOString(),
        prompt: `benchmark prompt ${i}: a lighthouse in a storm, waves crashing, cinematic light`,
        style: 'Realistic',
        aspect_ratio: '16:9',
        content: `<@1122334455667788990> (prompt: benchmark prompt ${i} style: Realistic aspect-ratio: 16:9) (completed)`,
        attachments: [
          {
            id: String(1_150_000_000_000 + i),
            filename: `job-${i}.mp4`,
            url: `https://cdn.discordapp.com/attachments/1/${i}/job-${i}.mp4?ex=6b06e4f8&is=6b059378&hm=b688d600`,
            size: 2_000_000,
          },
        ],
      },
      jobid,
    ),
    downloads: dictionary([[String(i), { state: 'saved', bytes: 2_000_000, file: `/videos/job-${i}.mp4` }]]),
  };
}

function timed<T>(run: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = run();
  return { ms: performance.now() - start, value };
}

/** A home holding `count` jobs in both forms: today's jobs.json, and the database imported from it. */
export function homeWith(count: number): { jsonDir: string; dbDir: string } {
  const jsonDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pxt-bench-json-'));
  const doc: JobDocument = { schemaVersion: 3, jobs: dictionary([]), dismissed: dictionary([]) };
  for (let i = 0; i < count; i++) doc.jobs[job(i).jobid] = job(i);
  writeFileDurably(storeFilePath(jsonDir), `${JSON.stringify(doc, undefined, '\t')}\n`);
  const dbDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pxt-bench-db-'));
  fs.copyFileSync(storeFilePath(jsonDir), storeFilePath(dbDir));
  openStoreIn(dbDir, { clock: systemClock }).store.close(); // the first start imports it
  return { jsonDir, dbDir };
}

/** What an engine does on start: open the database, then read what it resumes (running jobs, videos left to save). */
function openAndResume(dir: string) {
  const { store } = openStoreIn(dir, { clock: systemClock });
  const resumed = [...store.active(), ...store.toDownload()];
  return { store, resumed };
}

const residentMiB = () => {
  gc();
  return process.memoryUsage().rss / MiB;
};

export async function storeBenchmark(): Promise<boolean> {
  console.log('\n== store: the jobs database beside the JSON store it replaces (same run, same jobs) ==');
  const rows: string[][] = [['figure', 'SQLite', 'JSON (baseline)', 'ratio', 'target']];
  let met = true;
  const row = (name: string, sqlite: number, json: number, target: number, unit: string) => {
    const ok = sqlite <= target;
    met &&= ok;
    rows.push([
      name,
      `${fmt(sqlite)} ${unit}`,
      `${fmt(json)} ${unit}`,
      `${fmt(json / sqlite)}×`,
      Number.isFinite(target) ? `≤ ${target} ${unit} ${ok ? 'met' : 'NOT MET'}` : '(no target)',
    ]);
  };

  const homes = new Map([10_000, 50_000].map((n) => [n, homeWith(n)]));
  for (const [count, { jsonDir, dbDir }] of homes) {
    const json = timed(() => loadDocument(storeFilePath(jsonDir)));
    const sqlite = timed(() => openAndResume(dbDir).store);
    sqlite.value.close();
    row(
      `open + resume, ${count.toLocaleString('en')} jobs`,
      sqlite.ms,
      json.ms,
      count === 50_000 ? 300 : Infinity,
      'ms',
    );
  }

  const { jsonDir, dbDir } = homes.get(50_000)!;
  const store = openStoreIn(dbDir, { clock: systemClock }).store;
  const doc = loadDocument(storeFilePath(jsonDir)).doc;
  const ids = store.all().map((j) => j.jobid);
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const sqliteTimes: number[] = [];
  for (let i = 0; i < UPDATES; i++) {
    const jobid = ids[(i * 7919) % ids.length]!;
    sqliteTimes.push(timed(() => store.update(jobid, { lastCheckedAt: Date.now() })).ms);
    if (i % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  loop.disable();
  const jsonTimes: number[] = [];
  for (let i = 0; i < 20; i++) {
    const jobid = ids[i]!;
    doc.jobs[jobid]!.lastCheckedAt = Date.now();
    jsonTimes.push(
      timed(() => writeFileDurably(storeFilePath(jsonDir), JSON.stringify(doc, undefined, '\t'))).ms,
    );
  }
  row('one update, 50,000 stored (p99)', percentile(sqliteTimes, 99), percentile(jsonTimes, 99), 5, 'ms');
  row('longest update (main thread)', Math.max(...sqliteTimes), Math.max(...jsonTimes), 50, 'ms');

  const listed = timed(() => {
    const page = store.query({ filter: 'all', search: '', offset: 0, limit: PAGE });
    return { total: page.total, rows: page.rows.map((j) => toJobView(j)) };
  });
  const listedAll = timed(() =>
    store
      .all()
      .sort((a, b) => b.addedAt - a.addedAt)
      .map((j) => toJobView(j)),
  );
  row(`window's first page (${PAGE} of 50,000)`, listed.ms, listedAll.ms, 100, 'ms');
  store.close();

  const { jsonDir: json10k, dbDir: db10k } = homes.get(10_000)!;
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'pxt-bench-empty-'));
  const base = residentMiB();
  const emptyStore = openAndResume(empty).store;
  const withEmpty = residentMiB();
  const full = openAndResume(db10k);
  const sqliteMiB = residentMiB() - withEmpty;
  full.store.close();
  emptyStore.close();
  const before = residentMiB();
  const kept = loadDocument(storeFilePath(json10k)).doc;
  const jsonMiB = residentMiB() - before;
  row('memory, 10,000 jobs over empty', sqliteMiB, jsonMiB, 50, 'MiB');
  void kept;
  void base;
  console.log(`(event loop during the updates: max delay ${fmt(loop.max / 1e6)} ms)`);
  console.log(table(rows));
  for (const { jsonDir: a, dbDir: b } of homes.values())
    for (const dir of [a, b]) fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(empty, { recursive: true, force: true });
  return met;
}
