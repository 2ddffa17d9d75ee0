import { type Delivery, type DeliveryOutcome, definePlugin } from '@racedesk/core';

/** A channel for tests: `decide` says what each call returns; every call is recorded. */
export function channelPlugin(
  decide: (d: Delivery, call: number) => DeliveryOutcome | Promise<DeliveryOutcome>,
) {
  const calls: Array<{ key: string; userId: number | null; attempt: number; at: Date }> = [];
  const plugin = definePlugin({
    id: 'testdm',
    version: '1.0.0',
    core: '^0.1.0',
    init: (ctx) =>
      ctx.domain.notifications.registerChannel({
        id: 'test-dm',
        description: 'direct messages in tests',
        deliver: async (d) => {
          calls.push({ key: d.idempotencyKey, userId: d.userId, attempt: d.attempt, at: ctx.clock.now() });
          return decide(d, calls.filter((c) => c.key === d.idempotencyKey).length);
        },
      }),
  });
  return { plugin, calls };
}
