import { Kind, print, type DocumentNode, type GraphQLFormattedError, type OperationTypeNode } from 'graphql';
import { EdugovError } from './errors.js';

/** The subset of `fetch` the client uses; `globalThis.fetch` fits, and so do test fakes. */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** Bearer token, or a function returning one per request (e.g. to refresh it). */
export type TokenSource = string | (() => string | null | undefined | Promise<string | null | undefined>);

export interface RetryOptions {
  /** Retries after the first attempt (queries only). Default 3. */
  retries?: number;
  /** First backoff step; doubles each retry, with jitter. Default 250 ms. */
  baseDelayMs?: number;
  /**
   * Longest wait between attempts. A `Retry-After` asking for more is not shortened: the call
   * fails instead, with `retryAfterMs` set on the error. Default 30 000 ms.
   */
  maxDelayMs?: number;
}

export interface TransportOptions {
  /** GraphQL endpoint, e.g. `https://edu.example.gov.cn/graphql`. */
  url: string;
  token?: TokenSource;
  /** Defaults to `globalThis.fetch`. */
  fetch?: FetchLike;
  /** Deadline of one call, retries and waits included. Default 30 000 ms; 0 disables it. */
  timeoutMs?: number;
  retry?: RetryOptions;
  /** Sent with every request. */
  headers?: Record<string, string>;
  /**
   * Called when a response has both `data` and `errors` (a partial result: some nullable
   * fields were nulled by an error). The data is returned regardless.
   */
  onPartialErrors?: (errors: ReadonlyArray<GraphQLFormattedError>, operationName: string | undefined) => void;
}

/** Per-call options: the generic SDK's `options` argument of every operation method. */
export interface RequestOptions {
  /** Aborts this call, including any pending retry. The promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Extra headers for this call only. */
  headers?: Record<string, string>;
}

interface DocumentInfo {
  query: string;
  operationName: string | undefined;
  operation: OperationTypeNode | undefined;
}

const documentInfo = new WeakMap<DocumentNode, DocumentInfo>();

function describe(doc: DocumentNode): DocumentInfo {
  let info = documentInfo.get(doc);
  if (!info) {
    const op = doc.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
    info = {
      query: print(doc),
      operationName: op && op.kind === Kind.OPERATION_DEFINITION ? op.name?.value : undefined,
      operation: op && op.kind === Kind.OPERATION_DEFINITION ? op.operation : undefined,
    };
    documentInfo.set(doc, info);
  }
  return info;
}

/** Retry-After is either delay-seconds or an HTTP date; returns milliseconds, or undefined. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (value == null) return undefined;
  const v = value.trim();
  if (v === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Exponential backoff with "equal jitter": between half and all of base·2^attempt, capped. */
function backoff(attempt: number, baseDelayMs: number, maxDelayMs: number): number {
  const step = Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
  return step / 2 + Math.random() * (step / 2);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

async function discard(res: Response): Promise<void> {
  try {
    await res.body?.cancel();
  } catch {
    /* nothing to release */
  }
}

interface GraphQLResponseBody {
  data?: unknown;
  errors?: GraphQLFormattedError[];
}

function asGraphQLBody(value: unknown): GraphQLResponseBody | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const body = value as Record<string, unknown>;
  if (!('data' in body) && !('errors' in body)) return undefined;
  if (body.errors !== undefined && !Array.isArray(body.errors)) return undefined;
  return body as GraphQLResponseBody;
}

/**
 * Builds the function that sends one operation: the requester handed to the generated
 * `getSdk`. Queries are retried on network errors, 503 and 429; mutations never are.
 */
export function createRequester(opts: TransportOptions) {
  const retries = Math.max(0, opts.retry?.retries ?? 3);
  const baseDelayMs = Math.max(0, opts.retry?.baseDelayMs ?? 250);
  const maxDelayMs = Math.max(0, opts.retry?.maxDelayMs ?? 30_000);
  const timeoutMs = opts.timeoutMs ?? 30_000;

  return async function request<R, V>(doc: DocumentNode, variables?: V, options?: RequestOptions): Promise<R> {
    const fetchImpl: FetchLike | undefined =
      opts.fetch ?? (globalThis.fetch?.bind(globalThis) as FetchLike | undefined);
    if (!fetchImpl) throw new TypeError('@edugov/sdk: no fetch available; pass `fetch` to createClient()');
    const { query, operationName, operation } = describe(doc);
    const retryable = operation === 'query';
    const outer = options?.signal;
    if (outer?.aborted) throw outer.reason;

    // One signal for the whole call: the caller's signal and the deadline both abort it.
    const controller = new AbortController();
    const signal = controller.signal;
    const timeoutError = new EdugovError(`${operationName ?? 'GraphQL request'} timed out after ${timeoutMs} ms`, {
      status: 0,
      code: 'TIMEOUT',
      operationName,
    });
    let timedOut = false;
    const timer =
      timeoutMs > 0 && Number.isFinite(timeoutMs)
        ? setTimeout(() => {
            timedOut = true;
            controller.abort(timeoutError);
          }, timeoutMs)
        : undefined;
    const onOuterAbort = () => controller.abort(outer?.reason);
    outer?.addEventListener('abort', onOuterAbort, { once: true });

    /** Maps a rejection caused by our signal to what the caller should see. */
    const abortReason = (err: unknown): unknown => {
      if (timedOut) return timeoutError;
      if (outer?.aborted) return outer.reason;
      return err;
    };

    try {
      const token = typeof opts.token === 'function' ? await opts.token() : opts.token;
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json;q=0.9',
        ...opts.headers,
        ...options?.headers,
      };
      if (token) headers.authorization = `Bearer ${token}`;
      const body = JSON.stringify({ query, operationName, variables: variables ?? {} });

      for (let attempt = 0; ; attempt++) {
        const canRetry = retryable && attempt < retries;
        let res: Response;
        let text: string;
        try {
          res = await fetchImpl(opts.url, { method: 'POST', headers, body, signal });
        } catch (err) {
          if (signal.aborted) throw abortReason(err);
          if (!canRetry) {
            throw new EdugovError(
              `${operationName ?? 'GraphQL request'} failed: ${(err as Error)?.message ?? String(err)}`,
              {
                status: 0,
                code: 'NETWORK_ERROR',
                operationName,
                cause: err,
              },
            );
          }
          await sleep(backoff(attempt, baseDelayMs, maxDelayMs), signal).catch((e) => {
            throw abortReason(e);
          });
          continue;
        }

        if (res.status === 503 || res.status === 429) {
          const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'));
          if (canRetry && (retryAfterMs === undefined || retryAfterMs <= maxDelayMs)) {
            await discard(res);
            await sleep(retryAfterMs ?? backoff(attempt, baseDelayMs, maxDelayMs), signal).catch((e) => {
              throw abortReason(e);
            });
            continue;
          }
          text = await res.text().catch((e) => {
            if (signal.aborted) throw abortReason(e);
            return '';
          });
          throw httpError(res.status, text, operationName, retryAfterMs);
        }

        try {
          text = await res.text();
        } catch (err) {
          if (signal.aborted) throw abortReason(err);
          throw new EdugovError(`${operationName ?? 'GraphQL request'}: reading the response failed`, {
            status: res.status,
            code: 'NETWORK_ERROR',
            operationName,
            cause: err,
          });
        }
        if (!res.ok) throw httpError(res.status, text, operationName);

        const result = asGraphQLBody(safeParse(text));
        if (!result) {
          throw new EdugovError(`${operationName ?? 'GraphQL request'}: response is not a GraphQL result`, {
            status: res.status,
            code: 'BAD_RESPONSE',
            operationName,
          });
        }
        const errors = result.errors ?? [];
        if (result.data == null) {
          if (errors.length === 0) {
            throw new EdugovError(`${operationName ?? 'GraphQL request'}: response has neither data nor errors`, {
              status: res.status,
              code: 'BAD_RESPONSE',
              operationName,
            });
          }
          throw new EdugovError(errors[0].message, { status: res.status, errors, operationName });
        }
        if (errors.length > 0) opts.onPartialErrors?.(errors, operationName);
        return result.data as R;
      }
    } finally {
      if (timer !== undefined) clearTimeout(timer);
      outer?.removeEventListener('abort', onOuterAbort);
    }
  };
}

function safeParse(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function httpError(
  status: number,
  text: string,
  operationName: string | undefined,
  retryAfterMs?: number,
): EdugovError {
  const errors = asGraphQLBody(safeParse(text))?.errors ?? [];
  const message = errors[0]?.message ?? `HTTP ${status}${text ? `: ${text.slice(0, 200)}` : ''}`;
  return new EdugovError(message, { status, errors, operationName, retryAfterMs });
}
