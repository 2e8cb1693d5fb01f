import { HeaderMap, type ApolloServer, type HTTPGraphQLRequest } from '@apollo/server';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { Context } from '../../schema/context.js';
import { PersonalDataReads } from '../../schema/domains/audit/personalData.js';
import type { Viewer } from '../../schema/domains/access/viewer.js';
import type { Config } from '../config.js';
import type { Db } from '../db.js';
import { callerKey } from '../hardening/callers.js';
import type { TrustedDocuments } from '../hardening/trusted.js';
import { readJsonBody } from '../http/bodyLimits.js';
import { json } from '../http/respond.js';
import { applyTrustedDocuments } from '../http/trustedDocuments.js';
import { refuseUnstorableText } from '../http/unstorableText.js';
import type { ExecutionGate } from './executionGate.js';
import { executeRecordingPersonalData } from './personalDataFlush.js';
import { isGraphQLRequestError } from './responseStatus.js';

/**
 * /graphql for an authenticated caller: the body within its limit, the text scan, trusted
 * documents, then the operation in the caller's turn of the execution gate, its personal-data
 * reads recorded before the answer is written.
 */
export async function serveGraphQL(
  req: IncomingMessage,
  res: ServerResponse,
  request: { url: URL; viewer: Viewer; requestId: string; address: string },
  deps: {
    apollo: ApolloServer<Context>;
    config: Config;
    db: Db;
    log: Logger;
    trusted: TrustedDocuments;
    gate: ExecutionGate;
    clientAddress: WeakMap<Context, string>;
  },
): Promise<void> {
  const { url, viewer, requestId, address } = request;
  const { apollo, config, db, log } = deps;
  const headers = new HeaderMap();
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
  }
  const body = req.method === 'POST' ? await readJsonBody(req, config.EDUGOV_MAX_BODY_BYTES) : undefined;
  refuseUnstorableText(body, url);
  const refusal = applyTrustedDocuments(deps.trusted, viewer, body, url);
  if (refusal)
    return json(res, 403, { errors: [{ message: refusal, extensions: { code: 'TRUSTED_DOCUMENT_REQUIRED' } }] });
  const httpGraphQLRequest: HTTPGraphQLRequest = {
    method: (req.method ?? 'GET').toUpperCase(),
    headers,
    search: url.search,
    body,
  };
  const context: Context = {
    db,
    viewer,
    requestId,
    log: log.child({ requestId }),
    limits: { maxBatchRows: config.EDUGOV_MAX_BATCH_ROWS },
    personalDataReads: new PersonalDataReads(),
  };
  deps.clientAddress.set(context, address);
  const result = await deps.gate.inCallerTurn(callerKey(viewer, address), () =>
    executeRecordingPersonalData(apollo, httpGraphQLRequest, context, db, log),
  );
  if (!result) {
    res.setHeader('retry-after', '1');
    return json(res, 503, {
      errors: [{ message: 'Database unavailable', extensions: { code: 'DATABASE_UNAVAILABLE' } }],
    });
  }
  for (const [k, v] of result.headers) res.setHeader(k, v);
  res.statusCode = result.status ?? 200;
  if (result.body.kind === 'complete') {
    if (res.statusCode === 400 && isGraphQLRequestError(result.headers.get('content-type'), result.body.string))
      res.statusCode = 200;
    return void res.end(result.body.string);
  }
  for await (const chunk of result.body.asyncIterator) res.write(chunk);
  res.end();
}
