#!/usr/bin/env node
// Racedesk runs from its TypeScript sources through tsx (see docs/adr/0001-run-typescript-with-tsx.md).
import { register } from 'tsx/esm/api';

register();
// `serve` runs the server in a child process with the server's Node flags (docs/adr/0009-server-v8-pool-size.md);
// this process then only waits for it, without loading the rest of Racedesk.
const { runServerProcess } = await import('../src/cli/server-process.ts');
const serverProcess = process.argv[2] === 'serve' ? runServerProcess() : null;
if (serverProcess) {
  process.exitCode = await serverProcess;
} else {
  const { runCli } = await import('../src/cli.ts');
  const code = await runCli(process.argv.slice(2));
  if (code >= 0) process.exitCode = code;
}
