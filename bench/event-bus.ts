import { systemActor } from '@racedesk/core';
import { startBenchApp } from './lib/bench-app.js';
import { BusProbe, busProbePlugin, Ticked } from './lib/bus-probe.js';
import { defineBenchmark, type Figure } from './lib/define-benchmark.js';
import { percentile } from './lib/stats.js';
import { runTransactions } from './lib/transaction-load.js';

const actor = systemActor('bench');
const PLAIN_TABLE = 'bench_plain_events';

/** One shape of workload: how events are grouped into transactions and how many writers run at once. */
interface Shape {
  label: string;
  perTransaction: number;
  concurrency: number;
}

const SHAPES: Shape[] = [
  // Latency: one event per transaction, as an HTTP handler or job changing one thing would.
  { label: '1 event/tx, 8 writers', perTransaction: 1, concurrency: 8 },
  // Throughput: an import or a bulk reschedule emitting many events in one transaction.
  { label: '100 events/tx, 4 writers', perTransaction: 100, concurrency: 4 },
];

export default defineBenchmark({
  name: 'event-bus',
  description:
    'in-transaction emit + after-commit dispatch to 3 subscribers vs plain inserts without the bus',
  async run({ quick, log }) {
    const total = Number(process.env.BENCH_EVENTS) || (quick ? 5_000 : 100_000);
    const probe = new BusProbe();
    const bench = await startBenchApp([busProbePlugin(probe)]);
    const { db, bus } = bench.app.racedesk;
    // Same columns, defaults and indexes as the outbox, so the baseline pays the same write cost.
    await db.raw(`create table ${PLAIN_TABLE} (like events including all)`);
    const figures: Figure[] = [];
    try {
      for (const shape of SHAPES) {
        const plain = await runTransactions({
          db,
          total,
          ...shape,
          write: (trx, n) =>
            trx(PLAIN_TABLE)
              .insert({
                name: Ticked.name,
                actor: JSON.stringify(actor),
                payload: JSON.stringify({ n, label: 'tick' }),
                occurred_at: new Date(),
              })
              .returning('id'),
        });
        probe.reset(total);
        const commitAt = new Float64Array(total);
        const withBus = await runTransactions({
          db,
          total,
          ...shape,
          write: (trx, n) => bus.emit(Ticked, { n, label: 'tick' }, { actor }, trx),
          committed: (first, count, at) => commitAt.fill(at, first, first + count),
        });
        // Events/s counts until every subscriber has run, not just until the last commit.
        const idleStart = performance.now();
        await bus.idle();
        const busMs = withBus.elapsedMs + (performance.now() - idleStart);
        if (probe.handled !== total)
          throw new Error(`${probe.handled} of ${total} events reached subscribers`);
        const first = commitAt.map((at, n) => probe.firstStart[n]! - at);
        const last = commitAt.map((at, n) => probe.lastStart[n]! - at);
        const plainP99 = percentile(plain.transactionMs, 99);
        log(
          `${shape.label}: bus ${Math.round(total / (busMs / 1000))} ev/s, plain ${Math.round(total / (plain.elapsedMs / 1000))} rows/s`,
        );
        figures.push(
          {
            label: `throughput, ${shape.label}`,
            unit: 'events/s',
            value: total / (busMs / 1000),
            baseline: { label: 'plain inserts', value: total / (plain.elapsedMs / 1000) },
          },
          {
            label: `commit→1st handler p50, ${shape.label}`,
            unit: 'ms',
            value: percentile(first, 50),
            baseline: { label: 'plain tx p50', value: percentile(plain.transactionMs, 50) },
          },
          {
            label: `commit→1st handler p99, ${shape.label}`,
            unit: 'ms',
            value: percentile(first, 99),
            baseline: { label: 'plain tx p99', value: plainP99 },
            goal: { on: 'value', max: 5 },
          },
          {
            label: `commit→3rd handler p99, ${shape.label}`,
            unit: 'ms',
            value: percentile(last, 99),
            baseline: { label: 'plain tx p99', value: plainP99 },
          },
        );
      }
    } finally {
      await bench.close();
    }
    return {
      figures,
      notes: [
        `${total.toLocaleString('en-US')} events per shape through EventBus.emit in knex transactions, 3 non-durable subscribers (high, normal, low)`,
        `baseline: the same number of single-row inserts into ${PLAIN_TABLE} (LIKE events INCLUDING ALL), same batching and writers, no bus`,
        'latency: performance.now() when the transaction promise resolves (hooked before the bus) → start of the subscriber; baseline: one plain transaction, begin→commit',
        'throughput counts until bus.idle() (all subscribers done); full core stack (buildApp role api, metrics, NOTIFY listener)',
      ],
    };
  },
});
