#!/usr/bin/env node
// Racedesk runs from its TypeScript sources through tsx (see docs/adr/0001-run-typescript-with-tsx.md).
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli.ts');
const code = await runCli(process.argv.slice(2));
if (code >= 0) process.exitCode = code;
