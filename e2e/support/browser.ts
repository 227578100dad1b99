import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

/**
 * Which Chromium the end-to-end tests drive. In order: the binary named by STREAMLAB_CHROMIUM, the
 * distribution's /usr/bin/chromium, then Playwright's own download. .ci/run uses the same lookup
 * (through scripts/find-chromium.ts) to decide whether to install one.
 */
export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** Flags for headless runs in containers and CI: no sandbox, no GPU, no background traffic. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface ChromiumChoice {
  readonly path: string;
  readonly source: 'STREAMLAB_CHROMIUM' | 'system' | 'playwright';
}

export class ChromiumNotFoundError extends Error {
  override readonly name = 'ChromiumNotFoundError';
}

const HOW_TO_INSTALL = [
  'Install one of:',
  '  - the distribution package:   sudo apt-get install chromium',
  "  - Playwright's own build:     npx playwright install chromium",
  '  - or point STREAMLAB_CHROMIUM at an existing Chromium/Chrome binary.',
].join('\n');

/** Finds a Chromium, or returns undefined. Throws when STREAMLAB_CHROMIUM names a missing file. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): ChromiumChoice | undefined {
  const fromEnv = env.STREAMLAB_CHROMIUM?.trim();
  if (fromEnv) {
    // An explicit choice that is wrong is an error, not a reason to silently test another browser.
    if (!existsSync(fromEnv)) {
      throw new ChromiumNotFoundError(`STREAMLAB_CHROMIUM is set to ${fromEnv}, which does not exist.`);
    }
    return { path: fromEnv, source: 'STREAMLAB_CHROMIUM' };
  }
  if (existsSync(SYSTEM_CHROMIUM)) return { path: SYSTEM_CHROMIUM, source: 'system' };
  const bundled = bundledChromiumPath();
  if (bundled && existsSync(bundled)) return { path: bundled, source: 'playwright' };
  return undefined;
}

/** Like {@link findChromium}, but a missing browser is an error that says what to install. */
export function requireChromium(env: NodeJS.ProcessEnv = process.env): ChromiumChoice {
  const found = findChromium(env);
  if (!found) {
    throw new ChromiumNotFoundError(
      `No Chromium found for the end-to-end tests (looked at STREAMLAB_CHROMIUM, ${SYSTEM_CHROMIUM} and ` +
        `Playwright's bundled Chromium).\n${HOW_TO_INSTALL}`,
    );
  }
  return found;
}

function bundledChromiumPath(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    return undefined; // Playwright could not even name a path for this platform.
  }
}
