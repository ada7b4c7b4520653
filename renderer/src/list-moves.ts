import type { JobView } from '../../main/ipc/contract.js';
import { matchesFilter, type StateFilter } from './format.js';

/** How long typing in the search field pauses before the main process is asked. */
export const SEARCH_DEBOUNCE_MS = 150;
/** How long updates of jobs out of view are gathered before the pages are asked for again. */
export const UNSEEN_RELOAD_MS = 100;

/**
 * Whether an update may move a cached job into or out of the list the main process answers: its
 * state changed (it finished), or it now matches the filter and search differently. Otherwise the
 * row is patched where it is: the order (newest added first) never changes on an update.
 */
export function mayMove(before: JobView, after: JobView, filter: StateFilter, search: string): boolean {
  if (filter === 'all' && !search) return false;
  return (
    before.state !== after.state ||
    matchesFilter(before, filter, search) !== matchesFilter(after, filter, search)
  );
}

/** The row a navigation key moves the selection to, from `current` (-1: none yet); undefined for other keys. */
export function moveTarget(
  key: string,
  current: number,
  total: number,
  rowsInView: number,
): number | undefined {
  if (total === 0) return undefined;
  const clamp = (index: number) => Math.max(0, Math.min(total - 1, index));
  switch (key) {
    case 'ArrowDown':
      return clamp(current + 1);
    case 'ArrowUp':
      return clamp(current - 1);
    case 'PageDown':
      return clamp(current + rowsInView);
    case 'PageUp':
      return clamp(current - rowsInView);
    case 'Home':
      return 0;
    case 'End':
      return total - 1;
    default:
      return undefined;
  }
}
