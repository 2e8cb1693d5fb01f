import type { ObjectRef } from '@pothos/core';
import { builder } from '../../../builder.js';

/** What plugin-drizzle hands the connection's fields: a count function (root) or value (related). */
interface CountedConnection {
  totalCount?: number | (() => number | Promise<number>);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- keyed by any node ref
const made = new Map<ObjectRef<any, any>, ObjectRef<any, any>>();

/**
 * The one connection type of a node type: `SchoolConnection` (edges `SchoolEdge`) for every field
 * that pages over schools (`Query.schools`, `Region.schools`), so clients write one type for one
 * thing. Created on first use, shared afterwards.
 *
 * `totalCount` is the count of the field's own filter, across pages. plugin-drizzle passes it as
 * a function on root connections (the field's `totalCount` resolver, run only when selected) and
 * as a value on related connections (counted in the parent's SQL); the extension marks it so a
 * query for the count alone does not load rows.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Pothos node refs of any shape
export function connectionOf<R extends ObjectRef<any, any>>(node: R): any {
  let ref = made.get(node);
  if (!ref) {
    ref = builder.connectionObject(
      {
        type: node,
        name: `${node.name}Connection`,
        description: `A page of ${node.name} objects (分页列表), keyset-paginated; totalCount counts every match.`,
        fields: (t) => ({
          totalCount: t.int({
            description: 'Objects matching the field’s filter across all pages (总数).',
            extensions: { pothosDrizzleTotalCount: true },
            resolve: async (connection) => {
              const count = (connection as CountedConnection).totalCount;
              const value = typeof count === 'function' ? await count() : count;
              // Every connection field declares totalCount; a missing one is a bug, never "0".
              if (value === undefined)
                throw new Error(`${node.name}Connection.totalCount: the field supplies no count`);
              return value;
            },
          }),
        }),
      },
      { name: `${node.name}Edge`, description: `One ${node.name} of a page, with its cursor.` },
    );
    made.set(node, ref);
  }
  return ref;
}
