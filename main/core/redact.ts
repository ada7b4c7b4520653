/**
 * Removes the API token from anything about to be logged or stored: the token itself wherever it appears,
 * any `Bearer …` value and any `Authorization:` header value, so a token that changed since is not written either.
 */
export function redactSecrets(value: unknown, token: string | undefined): unknown {
  if (typeof value === 'string') {
    let text = value
      .replace(/Bearer\s+[^\s"',]+/gi, 'Bearer ***')
      // A header line without `Bearer` (a pasted `-H 'Authorization: <token>'`).
      .replace(/(authorization\s*:\s*)(?!bearer\b)[^\s"',]+/gi, '$1***');
    if (token && token.length >= 8) text = text.split(token).join('***');
    return text;
  }
  if (value instanceof Error) {
    const copy = new Error(redactSecrets(value.message, token) as string);
    copy.stack = redactSecrets(value.stack ?? '', token) as string;
    return copy;
  }
  if (Array.isArray(value)) return value.map((item) => redactSecrets(item, token));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactSecrets(v, token)]));
  }
  return value;
}
