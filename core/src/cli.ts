import { type ParseArgsConfig, parseArgs } from 'node:util';
import { jobsCommand } from './cli/jobs-command.js';
import { migrateCommand } from './cli/migrate-command.js';
import { pluginsCommand } from './cli/plugins-command.js';
import { secretsRotateCommand } from './cli/secrets-command.js';
import { followParentProcess } from './cli/server-process.js';
import { tokenCreateCommand } from './cli/token-command.js';
import type { InstanceRole } from './runtime.js';
import { serve } from './server.js';

export const USAGE = `Usage: racedesk <command> [options]

Commands:
  serve [--role api|worker|all]   Run the server (default role: all)
  migrate [--status]              Apply pending migrations, or list applied and pending ones
  plugins                         Installed plugins: version, dependency order, migration state
  jobs [--name N] [--state S]     Scheduled jobs with their state and last error
  token create --superadmin --name N   Create an instance API token (printed alone on the last line)
  secrets rotate                  Re-encrypt stored secrets with RACEDESK_SECRET_KEY (old key: RACEDESK_PREVIOUS_SECRET_KEY)
  help                            Show this help

Environment: DATABASE_URL (absent: embedded PostgreSQL in RACEDESK_DATA_DIR), PORT, RACEDESK_PLUGINS, ...
See README.md for the full list.`;

class UsageError extends Error {}

const ROLES = new Set(['api', 'worker', 'all']);

function parse(args: string[], options: ParseArgsConfig['options']) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** Runs one CLI command; returns the process exit code. */
export async function runCli(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'serve': {
        const { role = 'all' } = parse(rest, { role: { type: 'string' } }) as { role?: string };
        if (!ROLES.has(role)) throw new UsageError(`--role must be api, worker or all (got "${role}")`);
        followParentProcess();
        await serve(role as InstanceRole);
        return -1; // keeps running
      }
      case 'migrate': {
        const { status = false } = parse(rest, { status: { type: 'boolean' } }) as { status?: boolean };
        return await migrateCommand(status);
      }
      case 'plugins':
        parse(rest, {});
        return await pluginsCommand();
      case 'jobs': {
        const values = parse(rest, { name: { type: 'string' }, state: { type: 'string' } }) as {
          name?: string;
          state?: string;
        };
        return await jobsCommand(values);
      }
      case 'token': {
        const [sub, ...args] = rest;
        const { superadmin, name } = parse(args, {
          superadmin: { type: 'boolean' },
          name: { type: 'string' },
        }) as {
          superadmin?: boolean;
          name?: string;
        };
        if (sub !== 'create' || !superadmin || !name) {
          throw new UsageError(
            'use: racedesk token create --superadmin --name N (org tokens come from the API)',
          );
        }
        return await tokenCreateCommand({ name });
      }
      case 'secrets': {
        const [sub, ...args] = rest;
        parse(args, {});
        if (sub !== 'rotate') throw new UsageError('use: racedesk secrets rotate');
        return await secretsRotateCommand();
      }
      case 'help':
      case '--help':
      case '-h':
        console.log(USAGE);
        return 0;
      default:
        throw new UsageError(command ? `Unknown command "${command}"` : 'No command given');
    }
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`racedesk: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    console.error(`racedesk: ${(err as Error).message}`);
    return 1;
  }
}
