import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The small pieces every route answers with: a JSON response, an HTTP error that request
 * parsing throws (its status, code and headers become the answer), and one header's value.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code = 'BAD_REQUEST',
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

export function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
