// Code passed to page.evaluate runs in the window; these tests are compiled without the DOM library.
import type { PixverseBridge } from '../../main/ipc/contract.js';

declare global {
  // eslint-disable-next-line no-var
  var window: { pixverse: PixverseBridge; __xss?: unknown; [key: string]: unknown };
  // eslint-disable-next-line no-var
  var document: { querySelectorAll(selector: string): { length: number } };
}
export {};
