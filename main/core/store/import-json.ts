import fs from 'node:fs';
import { backupPath, renameIfPresent } from '../files/durable-file.js';
import { lapsedIfUnleased } from './download-claim.js';
import type { JobRecords } from './job-records.js';
import { loadDocument, storeFilePath, type StoreRecovery } from './job-store-file.js';

const IMPORTED = 'imported-jobs-json';

export const migratedPath = (file: string): string => `${file}.migrated`;

/**
 * Takes the jobs of the former store (`jobs.json`, schema 2 or older, through its own loader and
 * migrations) into the database once, in one transaction, then keeps the file as `jobs.json.migrated`
 * and never reads it again. Its backup goes the same way: a later empty database must not bring
 * back an old state.
 */
export function importJsonStore(
  records: JobRecords,
  dir: string,
  now: () => number,
): { imported: number; recovered?: StoreRecovery } | undefined {
  const file = storeFilePath(dir);
  if (!fs.existsSync(file) && !fs.existsSync(backupPath(file))) return undefined;
  const result = records.db
    .transaction(() => {
      if (records.meta(IMPORTED) !== undefined) return undefined; // another process did it first
      const { doc, recovered } = loadDocument(file, now);
      const revision = records.nextRevision();
      for (const job of Object.values(doc.jobs)) {
        records.putJob(job, revision);
        for (const [key, download] of Object.entries(job.downloads ?? {}))
          records.putDownload(job.jobid, key, lapsedIfUnleased(download), revision);
        for (const kind of job.notified) records.putNotification(job.jobid, kind, job.addedAt, revision);
      }
      for (const [jobid, at] of Object.entries(doc.dismissed)) records.dismiss(jobid, at, revision);
      records.setMeta(IMPORTED, now());
      return { imported: Object.keys(doc.jobs).length, recovered };
    })
    .immediate();
  if (result) for (const from of [file, backupPath(file)]) renameIfPresent(from, migratedPath(from));
  return result;
}
