import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Serves the browser apps built by server/web/build.mjs: the API explorer at /explorer (and at
 * /graphql when a browser asks for HTML) and the reference portal at /portal/. Every response
 * carries a Content-Security-Policy that admits this origin only: the apps work on a network
 * without internet, and a page cannot be made to load or send anything elsewhere.
 */
export interface WebOptions {
  explorer: boolean;
  portal: boolean;
  /** Folder holding explorer.html, explorer/ and portal/ (default dist/web). */
  dir?: string;
}

const DEFAULT_DIR = fileURLToPath(new URL('../../dist/web/', import.meta.url));

/**
 * Styles may be inline (Monaco and ECharts set element styles from script); fonts and images
 * may be data: URIs (GraphiQL embeds its icon fonts). Nothing is loaded from another origin.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** An asset name as the builds write them: one path segment, no dot files, a known type. */
const ASSET = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Whether a GET of /graphql comes from a browser navigating there (not a GraphQL client). */
function wantsHtml(req: IncomingMessage, url: URL): boolean {
  return (
    !url.searchParams.has('query') &&
    !url.searchParams.has('extensions') &&
    /\btext\/html\b/.test(req.headers.accept ?? '')
  );
}

/**
 * Answers the request if it is for one of the browser apps; returns false to let the API
 * handle it. Disabled apps answer nothing here, so their paths fall through to the API's 404.
 */
export async function serveWeb(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  options: WebOptions,
): Promise<boolean> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const dir = options.dir ?? DEFAULT_DIR;
  const path = url.pathname;
  if (options.explorer) {
    if (path === '/explorer' || (path === '/graphql' && wantsHtml(req, url)))
      return sendFile(res, req, join(dir, 'explorer.html'));
    if (path === '/explorer/') return redirect(res, '/explorer');
    if (path.startsWith('/explorer/'))
      return sendAsset(res, req, join(dir, 'explorer'), path.slice('/explorer/'.length));
  }
  if (options.portal) {
    if (path === '/portal') return redirect(res, '/portal/');
    if (path === '/portal/') return sendFile(res, req, join(dir, 'portal', 'index.html'));
    if (path.startsWith('/portal/')) return sendAsset(res, req, join(dir, 'portal'), path.slice('/portal/'.length));
  }
  return false;
}

function redirect(res: ServerResponse, location: string): true {
  res.writeHead(301, { location });
  res.end();
  return true;
}

async function sendAsset(res: ServerResponse, req: IncomingMessage, dir: string, name: string): Promise<true> {
  if (!ASSET.test(name) || !TYPES[extname(name)]) return notFound(res);
  return sendFile(res, req, join(dir, name));
}

async function sendFile(res: ServerResponse, req: IncomingMessage, file: string): Promise<true> {
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    if (extname(file) !== '.html') return notFound(res);
    // The page itself is missing: the apps were never built (e.g. `npm run dev` on a fresh clone).
    res.writeHead(503, {
      'content-type': 'text/plain; charset=utf-8',
      'content-security-policy': CONTENT_SECURITY_POLICY,
    });
    res.end(
      'The browser apps are not built yet: run `npm run build:web` (npm start builds them ' +
        'itself).\n浏览器应用尚未构建：请运行 npm run build:web。\n',
    );
    return true;
  }
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'content-length': body.length,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    // File names carry no content hash: revalidate, so a rebuilt app is never mixed with a stale one.
    'cache-control': 'no-cache',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}

function notFound(res: ServerResponse): true {
  res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ error: 'Not found' }));
  return true;
}
