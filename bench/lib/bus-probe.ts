import { defineEvent, definePlugin, defineSubscriber } from '@racedesk/core';
import { Type } from 'typebox';

/** The event the bus benchmark emits; `n` is the sequence number the probes index by. */
export const Ticked = defineEvent(
  'bench.tick.recorded',
  Type.Object({ n: Type.Integer(), label: Type.String() }),
);

/** Where the subscribers write the moment they start, per event sequence number (ms, performance.now). */
export class BusProbe {
  firstStart = new Float64Array(0);
  lastStart = new Float64Array(0);
  handled = 0;

  reset(total: number): void {
    this.firstStart = new Float64Array(total);
    this.lastStart = new Float64Array(total);
    this.handled = 0;
  }
}

/**
 * A plugin with three no-op subscribers (high, normal, low priority) so the figures are the bus's
 * own cost: the high one stamps when it starts, the low one (dispatched last) too.
 */
export function busProbePlugin(probe: BusProbe) {
  return definePlugin({
    id: 'bench',
    version: '1.0.0',
    core: '^0.1.0',
    events: [Ticked],
    subscriptions: [
      defineSubscriber({
        id: 'first',
        event: Ticked,
        priority: 'high',
        handler: (e) => {
          probe.firstStart[e.payload.n] = performance.now();
        },
      }),
      defineSubscriber({ id: 'second', event: Ticked, handler: () => void probe.handled++ }),
      defineSubscriber({
        id: 'third',
        event: Ticked,
        priority: 'low',
        handler: (e) => {
          probe.lastStart[e.payload.n] = performance.now();
        },
      }),
    ],
  });
}
