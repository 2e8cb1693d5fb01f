import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type OperationDefinitionNode } from 'graphql';
import type { Context } from '../../schema/context.js';
import type { Viewer } from '../../schema/domains/access/viewer.js';
import type { ReplicaRouter } from './router.js';

/**
 * Root query fields always read from the primary. The change feed is what data platforms
 * sync from: a write whose response has arrived must be in the feed at once for every
 * consumer, not only for the writer, or a sync would stop at "nothing new" and wait a whole
 * polling interval on a replica that is a few milliseconds behind.
 */
const PRIMARY_ONLY_ROOT_FIELDS = new Set(['changes']);

/** The identity whose writes a later read must see: people and keys; anonymous callers cannot write. */
function writerKey(viewer: Viewer): string | null {
  return viewer.kind === 'user' || viewer.kind === 'apiKey' ? viewer.actor : null;
}

function readsOnlyReplicable(operation: OperationDefinitionNode): boolean {
  if (operation.operation !== 'query') return false;
  return operation.selectionSet.selections.every(
    (s) => s.kind !== Kind.FIELD || !PRIMARY_ONLY_ROOT_FIELDS.has(s.name.value),
  );
}

/**
 * Chooses the database for each operation once it is known: queries may go to a replica
 * (ReplicaRouter decides which, if any), mutations and the change feed to the primary. After a
 * mutation, the caller's write position is recorded before the response leaves, so the
 * caller's next read cannot land on a replica that has not replayed it.
 */
export function replicaRoutingPlugin(router: ReplicaRouter): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation && readsOnlyReplicable(operation))
            contextValue.db = await router.readDbFor(writerKey(contextValue.viewer));
        },
        async willSendResponse({ operation, contextValue }) {
          const caller = writerKey(contextValue.viewer);
          if (operation?.operation === 'mutation' && caller) await router.noteWrite(caller);
        },
      };
    },
  };
}
