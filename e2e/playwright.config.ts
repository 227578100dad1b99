import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, requireChromium } from './support/browser.ts';

const CI = Boolean(process.env.CI);
// Another port lets several checkouts run their suites at once (STREAMLAB_E2E_PORT).
const PORT = Number(process.env.STREAMLAB_E2E_PORT ?? 4173);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const browser = requireChromium();

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../test-results',
  forbidOnly: CI,
  retries: CI ? 1 : 0,
  // A 2-core machine: the dev server, the browser and a Web Worker already compete for them.
  workers: 1,
  fullyParallel: false,
  reporter: [['list']],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'on-first-retry',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        browserName: 'chromium',
        viewport: { width: 1280, height: 800 },
        launchOptions: { executablePath: browser.path, args: CHROMIUM_ARGS },
      },
    },
  ],
  webServer: {
    command: `node_modules/.bin/vite --port ${PORT} --strictPort --host 127.0.0.1`,
    cwd: ROOT,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: !CI,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
