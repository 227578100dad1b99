/**
 * Entry point of `npm run sim` (tsx src/cli/sim.ts). All the work is in simMain.ts; this file only
 * connects it to the process.
 */
import { readFileSync } from 'node:fs';
import { main } from './simMain.ts';

// `npm run sim -- x.json --json | head` closes the pipe early: that is not an error worth a trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

process.exitCode = main(process.argv.slice(2), {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  readFile: (path) => readFileSync(path, 'utf8'),
});
