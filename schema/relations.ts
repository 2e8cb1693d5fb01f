import { defineRelations } from 'drizzle-orm';
import * as tables from './tables.js';
import { organisationRelations } from './domains/organisation/relations.js';
import { responsibilityRelations } from './domains/responsibility/relations.js';
import { poolsRelations } from './domains/pools/relations.js';
import { evaluationRelations } from './domains/evaluation/relations.js';
import { exchangesRelations } from './domains/exchanges/relations.js';
import { fundingRelations } from './domains/funding/relations.js';
import { enrolmentRelations } from './domains/enrolment/relations.js';
import { supervisionRelations } from './domains/supervision/relations.js';

/** Drizzle relations (v2) of every table: each domain's part (its `relations.ts`, beside its tables) over the tables without relations. */
export const relations = {
  ...defineRelations(tables),
  ...organisationRelations,
  ...responsibilityRelations,
  ...poolsRelations,
  ...evaluationRelations,
  ...exchangesRelations,
  ...fundingRelations,
  ...enrolmentRelations,
  ...supervisionRelations,
};

export type Relations = typeof relations;
