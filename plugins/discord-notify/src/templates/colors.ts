/** One color per kind of message, so every embed of a kind looks the same. */
export const COLORS = {
  roomOpened: 0x9b59b6,
  scheduled: 0x3498db,
  rescheduled: 0xe67e22,
  cancelled: 0xe74c3c,
  results: 0x2ecc71,
  alert: 0xf1c40f,
  info: 0x95a5a6,
} as const;
