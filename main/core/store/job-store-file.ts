import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { backupPath, moveAside, writeFileDurably, type DurableWriteOptions } from '../files/durable-file.js';
import { makeFolderSync } from '../files/make-folder.js';
import { withFileLock, type FileLockOptions } from './file-lock.js';
import { emptyDocument, jobDocumentSchema, migrateDocument, type JobDocument } from './job-store-schema.js';

/** Where JobStore keeps its document: the jobs file, or memory in tests. */
export interface DocumentWriter {
  readonly path: string;
  write(doc: JobDocument): void;
  /**
   * Read-modify-write under a lock other processes share: `merge` receives the document on disk
   * (undefined when there is none yet) and returns the one to write.
   */
  exchange?(merge: (onDisk: JobDocument | undefined) => JobDocument): void;
}

export interface StoreRecovery {
  reason: string;
  /** Where the damaged file went (absent when the file was missing). */
  movedTo?: string;
  /** The previous good copy the jobs were taken from, when there was one. */
  restoredFrom?: string;
}

export interface LoadedDocument {
  doc: JobDocument;
  /** Set when the file on disk was unreadable, invalid or missing, and what was done instead. */
  recovered?: StoreRecovery;
}

/** One sentence for the user (the CLI prints it, the app logs it). */
export function describeRecovery({ reason, movedTo, restoredFrom }: StoreRecovery): string {
  const what = movedTo
    ? `the job store was unreadable (${reason}); it was moved to ${movedTo}`
    : 'the job store was missing';
  return restoredFrom ? `${what}; its previous good copy ${restoredFrom} was restored` : what;
}

type Reading = { ok: true; doc: JobDocument } | { ok: false; missing: boolean; reason: string };

/** Reads and validates one file; a newer format throws, anything else unreadable is a reason. */
function readDocument(filePath: string): Reading {
  let text: string;
  try {
    text = fs.readFileSync(filePath, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    if (missing) return { ok: false, missing, reason: 'missing' };
    throw new Error(`Cannot read the job store ${filePath}: ${(error as Error).message}`, { cause: error });
  }
  try {
    const parsed = jobDocumentSchema.safeParse(migrateDocument(JSON.parse(text)));
    if (parsed.success) return { ok: true, doc: parsed.data };
    return { ok: false, missing: false, reason: describe(parsed.error) };
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    return { ok: false, missing: false, reason: `not valid JSON (${error.message})` };
  }
}

/**
 * Reads and validates the store file. A bad file is moved aside (never silently replaced) so the
 * user can recover it, and the previous good version (`jobs.json.bak`) takes its place; the store
 * starts empty only when there is no good copy at all. A newer format throws, leaving files untouched.
 */
export function loadDocument(filePath: string, now: () => number = Date.now): LoadedDocument {
  const main = readDocument(filePath);
  if (main.ok) return { doc: main.doc };
  const movedTo = main.missing ? undefined : moveAside(filePath, now);
  const backup = backupPath(filePath);
  const fallback = readDocument(backup);
  if (fallback.ok)
    return { doc: fallback.doc, recovered: { movedTo, reason: main.reason, restoredFrom: backup } };
  return { doc: emptyDocument(), recovered: movedTo ? { movedTo, reason: main.reason } : undefined };
}

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  return `${issue.path.join('.') || 'document'}: ${issue.message}`;
}

export interface JsonFileWriterOptions {
  name: string;
  lock: Partial<FileLockOptions>;
  write: Partial<DurableWriteOptions>;
  now: () => number;
}

/**
 * The jobs file, shared by the app and the CLI: verified atomic writes that keep the previous good
 * version, each a read-merge-write under `<file>.lock` so several processes can share one folder.
 */
export function jsonFileWriter(dir: string, options: Partial<JsonFileWriterOptions> = {}): DocumentWriter {
  const filePath = storeFilePath(dir, options.name ?? 'jobs');
  const now = options.now ?? Date.now;
  // The text this writer last saved: while the file still holds it, no other process wrote since,
  // and the merge (a parse of every job) can be skipped.
  let ownText: string | undefined;
  const unchangedSinceOwnWrite = () => {
    try {
      return ownText !== undefined && fs.readFileSync(filePath, 'utf8') === ownText;
    } catch {
      return false;
    }
  };
  const save = (doc: JobDocument) => {
    const text = `${JSON.stringify(doc, undefined, '\t')}\n`;
    writeFileDurably(filePath, text, options.write);
    ownText = text;
  };
  const locked = (critical: () => void) => {
    makeFolderSync(dir, 0o700);
    withFileLock(`${filePath}.lock`, critical, options.lock);
  };
  return {
    path: filePath,
    write: (doc) => locked(() => save(doc)),
    exchange: (merge) =>
      locked(() => {
        if (unchangedSinceOwnWrite()) return save(merge(undefined));
        const current = readDocument(filePath);
        if (current.ok) return save(merge(current.doc));
        // Keep a damaged file for the user, and merge with the last good copy instead.
        if (!current.missing) moveAside(filePath, now);
        const backup = readDocument(backupPath(filePath));
        save(merge(backup.ok ? backup.doc : undefined));
      }),
  };
}

export const storeFilePath = (dir: string, name = 'jobs'): string => path.join(dir, `${name}.json`);
