// Code passed to page.evaluate runs in the window; these tests are compiled without the DOM library.
import type { PixverseBridge } from '../../main/ipc/contract.js';

declare global {
  var window: { pixverse: PixverseBridge; __xss?: unknown; [key: string]: unknown };
  var document: { querySelectorAll(selector: string): { length: number } };
}
export {};
