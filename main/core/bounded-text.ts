/** How much of a text from outside (an API's error, say) is worth keeping: enough to read, no more. */
export const MAX_OUTSIDE_TEXT = 300;

/**
 * `text` cut to at most `max` characters with "…" at the end, never inside a character: an emoji
 * (two UTF-16 units) is kept whole or left out, so no half of it reaches a file or a terminal.
 */
export function boundedText(text: string, max = MAX_OUTSIDE_TEXT): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--; // a high surrogate whose pair would be cut off
  return `${text.slice(0, end)}…`;
}

/**
 * Like `boundedText`, but a cut falls between words when there is a space in the last third of
 * what fits: a reader sees "…could not…" rather than "…could no…".
 */
export function boundedWords(text: string, max = MAX_OUTSIDE_TEXT): string {
  if (text.length <= max) return text;
  const cut = boundedText(text, max).slice(0, -1);
  const space = cut.search(/\s\S*$/);
  const kept = space >= (max * 2) / 3 ? cut.slice(0, space) : cut;
  return `${kept.replace(/[\s.,;:]+$/, '')}…`;
}
