import type { Knex } from 'knex';
import type { Actor } from '../actor.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/connect.js';

/** One audit entry to record. */
export interface AuditEntry {
  actor: Actor;
  /** `<area>.<verb>`, e.g. `member.role_changed`; plugins prefix theirs with their id. */
  action: string;
  orgId?: number | null;
  target?: { type: string; id: string | number };
  details?: Record<string, unknown>;
  ip?: string;
}

/** Records audit entries; pass the transaction of the change so the entry commits (or not) with it. */
export interface AuditLog {
  record(entry: AuditEntry, trx?: Knex.Transaction): Promise<void>;
  /** Records many entries in one statement (bulk operations such as imports). */
  recordMany(entries: AuditEntry[], trx?: Knex.Transaction): Promise<void>;
}

/** The audit log writer. */
export function createAuditLog(db: Database, clock: Clock): AuditLog {
  const row = (entry: AuditEntry, now: Date) => ({
    org_id: entry.orgId ?? null,
    actor: JSON.stringify(entry.actor),
    user_id: entry.actor.kind === 'user' ? entry.actor.userId : null,
    action: entry.action,
    target_type: entry.target?.type ?? null,
    target_id: entry.target ? String(entry.target.id) : null,
    details: JSON.stringify(entry.details ?? {}),
    ip: entry.ip ?? null,
    created_at: now,
  });
  return {
    async record(entry, trx) {
      await (trx ?? db)('audit_log').insert(row(entry, clock.now()));
    },
    async recordMany(entries, trx) {
      const now = clock.now();
      // 9 parameters a row: chunks stay far below PostgreSQL's 65,535 bind parameters.
      for (let i = 0; i < entries.length; i += 5000)
        await (trx ?? db)('audit_log').insert(entries.slice(i, i + 5000).map((e) => row(e, now)));
    },
  };
}
