// Which proxy a request goes through. The CLI follows the environment (HTTPS_PROXY, NO_PROXY…) as
// curl does; the app asks the OS through Chromium (Electron's session.resolveProxy), so it works on
// networks where the system settings, not the environment, name the proxy.
import type { AxiosProxyConfig } from 'axios';
import { getProxyForUrl } from 'proxy-from-env';

/** The proxy for `url` as `http(s)://host:port`, or undefined to connect directly. */
export type ProxyFor = (url: string) => Promise<string | undefined>;

export const environmentProxy: ProxyFor = async (url) => getProxyForUrl(url) || undefined;

/**
 * Reads Chromium's answer for a URL ("DIRECT", "PROXY host:port; DIRECT", "HTTPS host:port",
 * "SOCKS5 host:port"…): the first entry that can be used wins. SOCKS proxies are not supported
 * and are skipped.
 */
export function proxyFromPac(answer: string): string | undefined {
  for (const entry of answer.split(';')) {
    const [kind = '', hostPort = ''] = entry.trim().split(/\s+/);
    if (kind.toUpperCase() === 'DIRECT') return undefined;
    const scheme = { PROXY: 'http', HTTPS: 'https' }[kind.toUpperCase()];
    if (!scheme || !/^[\w.-]+:\d{1,5}$|^\[[\da-fA-F:]+\]:\d{1,5}$/.test(hostPort)) continue;
    return `${scheme}://${hostPort}`;
  }
  return undefined;
}

/** axios's `proxy` option for a proxy URL; false goes direct whatever the environment says. */
export function axiosProxy(proxy: string | undefined): AxiosProxyConfig | false {
  if (!proxy) return false;
  const url = new URL(proxy);
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  return { protocol: url.protocol.slice(0, -1), host: url.hostname, port };
}
