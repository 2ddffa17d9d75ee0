// Agenda 6.2.6 keeps a lock-liveness timer of lockLifetime/2 (5 minutes by default) alive after
// every job run, so a process that ran a job cannot exit on its own until that timer fires.
// This unrefs that timer (it only matters while a job runs, and a running job keeps the process
// busy anyway). Idempotent; fails loudly if Agenda changed. See docs/adr/0004-agenda-liveness-timer.md.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const file = join(dirname(fileURLToPath(import.meta.resolve('agenda'))), 'JobProcessor.js');
const original = 'const delay = (ms) => new Promise(resolve => setTimeout(resolve, ms));';
const patched = 'const delay = (ms) => new Promise(resolve => setTimeout(resolve, ms).unref());';
const source = readFileSync(file, 'utf8');
if (source.includes(patched)) process.exit(0);
if (!source.includes(original)) {
  console.error(`patch-agenda: ${file} changed; review scripts/patch-agenda.mjs for this Agenda version`);
  process.exit(1);
}
writeFileSync(file, source.replace(original, patched));
