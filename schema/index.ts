// Imports every domain's GraphQL definitions, then builds the schema. Nothing else lives here.
import { builder } from './builder.js';
import './domains/shared/errorTypes.js';
import './domains/access/queries.js';
import './domains/organisation/types.js';
import './domains/organisation/queries.js';
import './domains/organisation/mutations.js';
import './domains/audit/queries.js';
import './domains/settings/types.js';
import './domains/responsibility/queries.js';
import './domains/responsibility/mutations.js';
import './domains/responsibility/regionWarningTypes.js';
import './domains/pools/queries.js';
import './domains/pools/mutations.js';
import './domains/exchanges/queries.js';
import './domains/exchanges/mutations.js';
import './domains/evaluation/queries.js';
import './domains/evaluation/mutations.js';
import './domains/evaluation/dimensionQueries.js';
import { assertNodeReadRules } from './domains/shared/nodes.js';

export const schema = builder.toSchema({ sortSchema: true });
assertNodeReadRules(schema);
