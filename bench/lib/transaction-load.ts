import type { Database } from '@racedesk/core';
import type { Knex } from 'knex';

/** How to drive a write workload: `total` items, `perTransaction` per transaction, `concurrency` writers. */
export interface TransactionLoad {
  db: Database;
  total: number;
  perTransaction: number;
  concurrency: number;
  /** Writes item `n` inside the transaction. */
  write(trx: Knex.Transaction, n: number): Promise<unknown>;
  /** Called as soon as a transaction's commit has resolved, with the items it held. */
  committed?(first: number, count: number, at: number): void;
}

/** Elapsed wall time and the duration of every transaction (begin to commit resolved), in ms. */
export interface LoadTimings {
  elapsedMs: number;
  transactionMs: Float64Array;
}

/**
 * Runs the workload like concurrent requests would: each writer takes the next batch of items,
 * writes them one by one in a transaction, commits, and moves on.
 */
export async function runTransactions(load: TransactionLoad): Promise<LoadTimings> {
  const batches = Math.ceil(load.total / load.perTransaction);
  const transactionMs = new Float64Array(batches);
  let next = 0;
  const writer = async () => {
    for (let batch = next++; batch < batches; batch = next++) {
      const first = batch * load.perTransaction;
      const count = Math.min(load.perTransaction, load.total - first);
      const begun = performance.now();
      await load.db.transaction(async (trx) => {
        // Registered before any write, so it runs before the bus's own after-commit reaction: this is
        // the moment the commit resolved, the start of commit→handler latency.
        trx.executionPromise.then(
          () => {
            const at = performance.now();
            transactionMs[batch] = at - begun;
            load.committed?.(first, count, at);
          },
          () => {},
        );
        for (let n = first; n < first + count; n++) await load.write(trx, n);
      });
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: load.concurrency }, writer));
  return { elapsedMs: performance.now() - started, transactionMs };
}
