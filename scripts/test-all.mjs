#!/usr/bin/env node
/**
 * `npm test`: the unit tests (Vitest), then the end-to-end tests (Playwright), always both. Their
 * output streams through; their JSON reports are then added up and the very last line printed is
 * `N passed, N failed`. Skipped tests count as neither. A runner that crashes, or exits non-zero
 * without reporting a failed test, counts as at least one failure. Exit status 1 if anything failed.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const BIN = join(ROOT, 'node_modules', '.bin');
const reports = mkdtempSync(join(tmpdir(), 'streamlab-test-'));

/** Runs a command with inherited stdio; resolves to its exit code (a spawn failure is code 127). */
function run(command, args, env = {}) {
  return new Promise((done) => {
    console.log(`\n$ ${[command, ...args].join(' ')}\n`);
    const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('error', (error) => {
      console.error(`could not start ${command}: ${error.message}`);
      done(127);
    });
    child.on('close', (code, signal) => done(code ?? (signal ? 128 : 1)));
  });
}

function readJson(path) {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    console.error(`unreadable report ${path}: ${error.message}`);
    return undefined;
  }
}

/** Vitest's JSON report (Jest-compatible). A file that failed to load has no tests but failed. */
function countVitest(report) {
  let failed = report.numFailedTests ?? 0;
  for (const file of report.testResults ?? []) {
    const failedTests = (file.assertionResults ?? []).filter((t) => t.status === 'failed').length;
    if (file.status === 'failed' && failedTests === 0) failed += 1;
  }
  return { passed: report.numPassedTests ?? 0, failed };
}

/** Playwright's JSON report: flaky tests passed on retry; global errors (config, setup) are failures. */
function countPlaywright(report) {
  const stats = report.stats ?? {};
  const globalErrors = (report.errors ?? []).length;
  return {
    passed: (stats.expected ?? 0) + (stats.flaky ?? 0),
    failed: (stats.unexpected ?? 0) + globalErrors,
  };
}

/** Adds up one suite: a non-zero exit with no failed test counted is still a failure. */
function tally(name, exitCode, report, count) {
  if (!report) {
    console.error(`${name}: no report (exit code ${exitCode}); counting it as failed`);
    return { passed: 0, failed: 1 };
  }
  const { passed, failed } = count(report);
  if (exitCode !== 0 && failed === 0) {
    console.error(`${name}: exited with code ${exitCode} although no test failed; counting it as failed`);
    return { passed, failed: 1 };
  }
  return { passed, failed };
}

const vitestJson = join(reports, 'vitest.json');
const vitestExit = await run(join(BIN, 'vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestJson}`,
]);

const playwrightJson = join(reports, 'playwright.json');
const playwrightExit = await run(
  join(BIN, 'playwright'),
  ['test', '-c', 'e2e/playwright.config.ts', '--reporter=list,json'],
  { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson },
);

const unit = tally('unit (vitest)', vitestExit, readJson(vitestJson), countVitest);
const e2e = tally('e2e (playwright)', playwrightExit, readJson(playwrightJson), countPlaywright);
rmSync(reports, { recursive: true, force: true });

const passed = unit.passed + e2e.passed;
const failed = unit.failed + e2e.failed;
console.log(
  `\nunit: ${unit.passed} passed, ${unit.failed} failed; e2e: ${e2e.passed} passed, ${e2e.failed} failed`,
);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
