import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { backupPath, moveAside } from '../files/durable-file.js';
import { emptyDocument, jobDocumentSchema, migrateDocument, type JobDocument } from './job-store-schema.js';

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

export const storeFilePath = (dir: string, name = 'jobs'): string => path.join(dir, `${name}.json`);
