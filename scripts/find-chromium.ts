/**
 * Prints the Chromium the end-to-end tests will use (same lookup as e2e/support/browser.ts).
 * Exit status: 0 found, 1 none found, 2 STREAMLAB_CHROMIUM is set but wrong.
 */
import { ChromiumNotFoundError, findChromium } from '../e2e/support/browser.ts';

try {
  const found = findChromium();
  if (found) {
    console.log(`${found.path} (${found.source})`);
    process.exitCode = 0;
  } else {
    console.log('no Chromium found');
    process.exitCode = 1;
  }
} catch (e) {
  if (!(e instanceof ChromiumNotFoundError)) throw e;
  console.error(e.message);
  process.exitCode = 2;
}
