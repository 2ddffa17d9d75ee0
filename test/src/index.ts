/** @racedesk/testkit: everything a Racedesk or plugin test needs. */
export { realTimerClock, TestClock, type TimerClock, toMillis } from './clock.js';
export { createTestDatabase, type TestDatabase } from './database.js';
export {
  type DiscordEmulator,
  type DiscordEmulatorOptions,
  type EmulatedBot,
  startDiscordEmulator,
} from './emulators/discord/index.js';
export * from './emulators/racetime/index.js';
export * from './emulators/speedgaming/index.js';
export { freePort } from './free-port.js';
export { addMember, api, bearer, createOrg, createToken, type Person, signIn } from './people.js';
export { createTestApp, type TestApp, type TestAppOptions } from './test-app.js';
