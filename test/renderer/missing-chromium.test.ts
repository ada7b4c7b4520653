import { describe, expect, it } from 'vitest';
import { missingChromium } from '../helpers/browser.js';

describe('the window tests without Chromium', () => {
  it('say in one line how to install it or where to point CHROMIUM_PATH', () => {
    const message = missingChromium('/nonexistent/chromium');
    expect(message).toMatch(/^Chromium is not installed at \/nonexistent\/chromium: /);
    expect(message).toContain('apt-get install chromium');
    expect(message).toContain('CHROMIUM_PATH');
    expect(message).not.toContain('\n');
  });

  it('say nothing when the binary is there', () => {
    expect(missingChromium(process.execPath)).toBeUndefined();
  });
});
