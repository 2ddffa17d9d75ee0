import { isIP } from 'node:net';
import { unprocessable } from '../errors.js';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** HTTPS only; plain http only to loopback hosts when the instance allows it (tests, development). */
export function checkWebhookUrl(value: string, allowHttpLoopback: boolean): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw unprocessable('RD_WEBHOOK_URL', `Not a URL: "${value}"`);
  }
  if (url.username || url.password)
    throw unprocessable('RD_WEBHOOK_URL', 'Webhook URLs may not carry credentials');
  if (url.protocol === 'https:') return url;
  if (
    url.protocol === 'http:' &&
    allowHttpLoopback &&
    (LOOPBACK.has(url.hostname) || (isIP(url.hostname) === 4 && url.hostname.startsWith('127.')))
  ) {
    return url;
  }
  throw unprocessable('RD_WEBHOOK_URL', 'Webhook URLs must use https://');
}
