/**
 * Characters a terminal acts on instead of showing, or that reorder what it shows: control
 * characters (C0 with the line end, DEL, C1: ESC starts every escape sequence, so none can begin),
 * line and paragraph separators, and the bidi marks, embeddings, overrides and isolates.
 */
const ACTIVE = /[\p{Cc}\p{Zl}\p{Zp}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

const escaped = (char: string) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * One line of output made inert: each active character is written as its `\uXXXX` escape. Text from
 * outside (API answers, jobids, file names) is shown, never obeyed. The escape is what JSON itself
 * would write, so a JSON line stays valid JSON holding the same value.
 */
export const inertLine = (line: string): string => line.replace(ACTIVE, escaped);
