import type { IncomingMessage } from 'node:http';
import { HttpError } from './respond.js';

/**
 * Reads a request body up to EDUGOV_MAX_BODY_BYTES: a larger declared length is refused
 * before reading, a body that grows past it while streaming is cut off (413 either way).
 * JSON bodies are parsed; any other content type comes back as text for Apollo to judge.
 */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new HttpError(413, `Request body exceeds ${limit} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, `Request body exceeds ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  const type = String(req.headers['content-type'] ?? '');
  if (!type.includes('json')) return text;
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'Request body is not valid JSON');
  }
}
