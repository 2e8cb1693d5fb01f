import type { ApolloServer, HTTPGraphQLRequest } from '@apollo/server';
import type { Logger } from 'pino';
import type { Context } from '../../schema/context.js';
import type { Db } from '../db.js';

type Executed = Awaited<ReturnType<ApolloServer<Context>['executeHTTPGraphQLRequest']>>;

/**
 * Executes one operation and records who read personal data (the reads its resolvers noted in
 * `context.personalDataReads`) before any of it leaves the server. If that cannot be
 * recorded, the data is not sent: the answer is null and the caller withholds the response.
 */
export async function executeRecordingPersonalData(
  apollo: ApolloServer<Context>,
  httpGraphQLRequest: HTTPGraphQLRequest,
  context: Context,
  db: Db,
  log: Logger,
): Promise<Executed | null> {
  const executed = await apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest, context: async () => context });
  // Record who read personal data before any of it leaves the server; if that cannot be
  // recorded, the data is not sent.
  try {
    await context.personalDataReads!.flush(db, context.viewer, context.requestId);
  } catch (err) {
    log.error({ err, requestId: context.requestId }, 'could not record a read of personal data; response withheld');
    return null;
  }
  return executed;
}
