import type { Logger } from 'pino';
import type { Db } from '../server/db.js';
import type { Viewer } from './domains/access/viewer.js';
import type { PersonalDataReads } from './domains/audit/personalData.js';

/** Per-request context handed to every resolver and service. */
export interface Context {
  db: Db;
  viewer: Viewer;
  requestId: string;
  log: Logger;
  /** Settings services need (batch limits); filled from server/config.ts. */
  limits: { maxBatchRows: number };
  /** Set for API requests: personal fields returned are recorded before the response is sent. */
  personalDataReads?: PersonalDataReads;
}

/** Drizzle transaction handle, for services that take either the database or a transaction. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;
