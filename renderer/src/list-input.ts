import type { JobView } from '../../main/ipc/contract.js';
import type { JobActionKind } from './job-actions.js';
import type { JobList } from './job-list.js';
import type { JobRow } from './job-row.js';
import { moveTarget } from './list-moves.js';

/** What the list's keys and pointer need of the window. */
export interface ListHost {
  list(): JobList | null;
  total(): number;
  /** Where the keys move from (-1: nowhere yet). */
  current(): number;
  selectedJob(): JobView | undefined;
  select(index: number): void;
  selectJob(job: JobView): void;
  act(kind: JobActionKind, job: JobView): void;
  openMenu(job: JobView, at: { x: number; y: number }): void;
}

const rowOf = (event: Event) => (event.target as HTMLElement).closest<JobRow>('job-row');
const onControl = (event: Event) =>
  (event.target as HTMLElement).matches('button, a, input, select, textarea, [role=menuitem]');

/** Where a menu opened from the keyboard goes: under the start of the row, or of the list. */
function menuPlace(host: ListHost, job: JobView): { x: number; y: number } {
  const row = host.list()?.querySelector<JobRow>('job-row[selected]');
  const box = (row?.job?.jobid === job.jobid ? row : host.list())?.getBoundingClientRect();
  return { x: (box?.left ?? 0) + 24, y: (box?.top ?? 0) + 24 };
}

/**
 * A key acts on the row it was pressed in (a row's button included), else on the selected row:
 * arrows, PageUp/PageDown, Home/End move; Enter opens the saved video; Delete and Backspace remove
 * (with Undo); Shift+F10 and the Menu key open the row's menu.
 */
export function onListKey(event: KeyboardEvent, host: ListHost): void {
  const job = rowOf(event)?.job ?? host.selectedJob();
  const list = host.list();
  const to = list ? moveTarget(event.key, host.current(), host.total(), list.rowsInView) : undefined;
  if (to !== undefined) {
    event.preventDefault();
    host.select(to);
  } else if (event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey)) {
    event.preventDefault();
    if (job) host.openMenu(job, menuPlace(host, job));
  } else if (event.key === 'Enter' && !onControl(event)) {
    // Enter and Space on a row's button are that button's own: they press it, nothing else.
    if (job) host.act('open', job);
  } else if (event.key === 'Delete' || event.key === 'Backspace') {
    event.preventDefault();
    if (job) host.act('remove', job);
  }
}

/** A click selects its row (and gives the list the keys); a double click opens the saved video. */
export function onListClick(event: MouseEvent, host: ListHost): void {
  const job = rowOf(event)?.job;
  if (!job || onControl(event)) return;
  host.selectJob(job);
  host.list()?.focus({ preventScroll: true });
  if (event.detail === 2) host.act('open', job);
}

/** A right-click opens the menu of the row under it; the Menu key's own event, that of the selected row. */
export function onListContextMenu(event: MouseEvent, host: ListHost): void {
  event.preventDefault();
  const job = rowOf(event)?.job ?? host.selectedJob();
  if (!job) return;
  host.selectJob(job);
  const fromKeyboard = event.button !== 2 || (event.clientX === 0 && event.clientY === 0);
  host.openMenu(job, fromKeyboard ? menuPlace(host, job) : { x: event.clientX, y: event.clientY });
}
