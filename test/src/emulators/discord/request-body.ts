import type { IncomingMessage } from 'node:http';

/** A request body read in full and parsed by content type. */
export interface ParsedBody {
  raw: string;
  json: unknown;
  form: URLSearchParams;
}

export function readRaw(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString()));
    req.on('error', reject);
  });
}

/** The `payload_json` part of a multipart body (how discord.js sends messages with files). */
function payloadJson(raw: string, contentType: string): string | undefined {
  const boundary = /boundary=("?)([^";]+)\1/.exec(contentType)?.[2];
  if (!boundary) return undefined;
  const part = raw.split(`--${boundary}`).find((p) => /name="payload_json"/.test(p));
  return part
    ?.split(/\r?\n\r?\n/)
    .slice(1)
    .join('\n\n')
    .trim();
}

function tryJson(text: string | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Reads and parses JSON, form-encoded and multipart (`payload_json`) bodies. */
export async function readBody(req: IncomingMessage): Promise<ParsedBody> {
  const raw = await readRaw(req);
  const type = req.headers['content-type'] ?? '';
  if (type.startsWith('application/x-www-form-urlencoded')) {
    return { raw, json: undefined, form: new URLSearchParams(raw) };
  }
  const json = type.startsWith('multipart/form-data') ? tryJson(payloadJson(raw, type)) : tryJson(raw);
  return { raw, json, form: new URLSearchParams() };
}
