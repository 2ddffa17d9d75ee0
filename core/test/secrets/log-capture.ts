import { Writable } from 'node:stream';
import pino from 'pino';

/** A real pino logger whose lines the test can read (what an operator would see in the log). */
export function captureLogs(level = 'info') {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: pino({ level }, stream), lines, text: () => lines.join('') };
}
