/** Rows drawn beyond each edge of the view: a short scroll shows rows already there. */
export const OVERSCAN = 6;

/** The rows a fixed-height list draws: those in view, and OVERSCAN more on each side. */
export function rowsToDraw(
  scrollTop: number,
  viewHeight: number,
  rowHeight: number,
  count: number,
): { first: number; last: number } | undefined {
  if (count === 0) return undefined;
  const top = Math.max(0, Math.floor(scrollTop / rowHeight));
  const bottom = Math.floor((scrollTop + Math.max(viewHeight, rowHeight) - 1) / rowHeight);
  const last = Math.min(count - 1, bottom + OVERSCAN);
  return { first: Math.min(last, Math.max(0, top - OVERSCAN)), last };
}

/**
 * Where to scroll so that row `index` is in view with the least movement ('auto' alignment):
 * undefined when it already is.
 */
export function scrollTopFor(
  index: number,
  scrollTop: number,
  viewHeight: number,
  rowHeight: number,
): number | undefined {
  const start = index * rowHeight;
  const end = start + rowHeight;
  if (start < scrollTop) return start;
  if (end > scrollTop + viewHeight) return Math.max(0, end - viewHeight);
  return undefined;
}
