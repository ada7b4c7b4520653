/**
 * Merges caller options over defaults, skipping keys whose value is `undefined`.
 *
 * `{ ...defaults, ...options }` keeps `random: undefined` when a caller passes the key with no value,
 * which erased `Math.random` and broke every download retry of the CLI. Every options object in the
 * code base is merged through this function instead of a bare spread.
 */
export function withDefaults<D extends object, O extends object>(defaults: D, options: O): D & O {
  const merged = { ...defaults } as Record<string, unknown>;
  for (const [key, value] of Object.entries(options)) if (value !== undefined) merged[key] = value;
  return merged as D & O;
}
