import { redactSecrets } from '../core/redact.js';
import { parseArgs } from 'node:util';
import { boundedText } from '../core/bounded-text.js';
import { UsageError } from './exit-codes.js';
import { closestName } from './suggest.js';

export type OptionSpec = Record<string, { type: 'string' | 'boolean' }>;
export type OptionValues = Record<string, string | boolean | undefined>;

/** How much of something the user typed a message repeats: a 10 kB argument is never echoed whole. */
export const ECHO_CHARS = 60;
/** An argument as an error message quotes it: its start only, and never a token a curl line carried. */
export const quoted = (arg: string): string =>
  `"${boundedText(redactSecrets(arg, undefined) as string, ECHO_CHARS)}"`;

/**
 * One command's options and positionals. Every mistake names the option it is about (and the
 * option meant, when one is close), never a whole pasted argument; `--help` is handled before this.
 */
export function parseOptions(
  command: string,
  args: string[],
  spec: OptionSpec,
): { values: OptionValues; positionals: string[] } {
  const { tokens, positionals } = parseArgs({
    args,
    options: spec,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const values: OptionValues = {};
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const option = spec[token.name];
    const name = quoted(token.rawName);
    if (!option) {
      const meant = closestName(token.name, Object.keys(spec));
      const hint = meant ? ` Did you mean --${meant}?` : '';
      throw new UsageError(`${command} has no option ${name}.${hint}`);
    }
    if (option.type === 'boolean') {
      if (token.value !== undefined) throw new UsageError(`${name} takes no value.`);
      values[token.name] = true;
      continue;
    }
    // `--port --json`: the next option is not the value the user forgot to type.
    const missing = token.value === undefined || (!token.inlineValue && token.value.startsWith('--'));
    if (missing) throw new UsageError(`${name} needs a value.`);
    values[token.name] = token.value;
  }
  return { values, positionals };
}

/** A whole number within bounds, for an option such as `--port`. */
export function integerOption(option: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < min || n > max)
    throw new UsageError(`--${option} must be a whole number from ${min} to ${max}, not ${quoted(text)}.`);
  return n;
}

/** A positive number, for an option such as `--speed`. */
export function positiveOption(option: string, text: string, max: number): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n <= 0 || n > max)
    throw new UsageError(`--${option} must be a number above 0 and at most ${max}, not ${quoted(text)}.`);
  return n;
}
