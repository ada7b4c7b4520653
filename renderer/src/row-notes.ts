/**
 * What an action learned about a row that its job's record does not say (yet): that the saved file
 * it tried to open is gone. Kept by jobid outside the rows, which the list recycles as it scrolls.
 */
export interface RowNote {
  text: string;
  /** The saved file is gone: the row offers to download it again. */
  missing: boolean;
}

const notes = new Map<string, RowNote>();
const listeners = new Set<(jobid: string) => void>();

export const rowNote = (jobid: string): RowNote | undefined => notes.get(jobid);

export function setRowNote(jobid: string, note: RowNote | undefined): void {
  if (note) notes.set(jobid, note);
  else if (!notes.delete(jobid)) return;
  for (const listener of listeners) listener(jobid);
}

/** Calls `listener` with the jobid whose note changed; returns the unsubscribe. */
export function onRowNote(listener: (jobid: string) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
