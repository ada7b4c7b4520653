import fs from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import type { z } from 'zod';
import { emptyDocument, jobDocumentSchema, migrateDocument, type JobDocument } from './job-store-schema.js';

/** What JobStore needs from a persistent file: conf in the CLI, electron-store in the app. */
export interface DocumentWriter {
  readonly path: string;
  write(doc: JobDocument): void;
}

export interface LoadedDocument {
  doc: JobDocument;
  /** Set when the file on disk was unreadable or invalid and has been moved aside. */
  recovered?: { movedTo: string; reason: string };
}

/**
 * Reads and validates the store file before conf/electron-store touches it. A bad file is moved
 * aside (never silently replaced) so the user can recover it; a newer format throws untouched.
 */
export function loadDocument(filePath: string, now: () => number = Date.now): LoadedDocument {
  let text: string;
  try {
    text = fs.readFileSync(filePath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { doc: emptyDocument() };
    throw new Error(`Cannot read the job store ${filePath}: ${(error as Error).message}`, { cause: error });
  }
  let reason: string;
  try {
    const parsed = jobDocumentSchema.safeParse(migrateDocument(JSON.parse(text)));
    if (parsed.success) return { doc: parsed.data };
    reason = describe(parsed.error);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    reason = `not valid JSON (${error.message})`;
  }
  const stamp = new Date(now()).toISOString().replace(/[:.]/g, '-');
  const { dir, name, ext } = path.parse(filePath);
  const movedTo = path.join(dir, `${name}.corrupt-${stamp}${ext}`);
  fs.renameSync(filePath, movedTo);
  return { doc: emptyDocument(), recovered: { movedTo, reason } };
}

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  return `${issue.path.join('.') || 'document'}: ${issue.message}`;
}

/** The CLI's writer: conf, the library under electron-store, so both share one file format. */
export function confWriter(dir: string, name = 'jobs'): DocumentWriter {
  const conf = new Conf<JobDocument>({
    cwd: dir,
    configName: name,
    configFileMode: 0o600,
    clearInvalidConfig: false,
    watch: false,
  });
  return {
    path: conf.path,
    write(doc) {
      conf.store = doc;
    },
  };
}

export const storeFilePath = (dir: string, name = 'jobs'): string => path.join(dir, `${name}.json`);
