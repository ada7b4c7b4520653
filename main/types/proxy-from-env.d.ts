declare module 'proxy-from-env' {
  /** The proxy for `url` from *_PROXY / NO_PROXY, or '' when it is reached directly. */
  export function getProxyForUrl(url: string | URL): string;
}
