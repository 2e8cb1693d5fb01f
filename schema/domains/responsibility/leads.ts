import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../context.js';
import type { GovernanceLevel } from '../access/jurisdiction.js';
import { cityOf } from '../organisation/codes.js';
import { responsibilityAssignments, responsibilityItems, responsibilityLists } from './table.js';

/**
 * Who leads a governance matter in a region: the one lookup other domains use to decide who
 * approves what (e.g. cross-county exchanges, pool matching).
 *
 * Source of truth: the city's current PUBLISHED responsibility list (权责清单) — the level
 * holding LEAD on the item with this key. Without a published list, or when the list has no
 * such item, the documented defaults below apply.
 */

export const DEFAULT_LEADS = {
  /** Cross-county teacher exchange and itinerant teaching: organised and approved by the city (市级统筹). */
  'EXCHANGE.CROSS_COUNTY': 'CITY',
  /** Exchanges between schools of one county: approved by the county bureau (县级自主). */
  'EXCHANGE.WITHIN_COUNTY': 'COUNTY',
  /** Scheduling an itinerant teacher's weekly hours: the county. */
  'EXCHANGE.ITINERANT_SCHEDULING': 'COUNTY',
  /** Matching county requests to the city's shared-resource pools (市级统筹匹配). */
  'RESOURCES.POOL_MATCHING': 'CITY',
  /** Value-added evaluation cycles of county high schools: the city. */
  'EVALUATION.VALUE_ADDED': 'CITY',
  /** Cross-county adjustment of staffing establishment (跨县域编制调剂): the city approves, counties implement. */
  'STAFFING.QUOTA_ADJUSTMENT': 'CITY',
  /** Assigning a county's posts to its schools (县管校聘): the county. */
  'STAFFING.SCHOOL_POST_ASSIGNMENT': 'COUNTY',
  /** City-coordinated special funds and their allocation to counties (市级统筹): the city. */
  'FUNDING.CITY_COORDINATION': 'CITY',
  /** County matching funds (县级配套): the county. */
  'FUNDING.COUNTY_MATCHING': 'COUNTY',
  /** Enrolment plans of senior high schools (招生计划, 统一招生政策): set and published by the city. */
  'ENROLMENT.ADMISSION_QUOTA': 'CITY',
  /** Enrolment boundaries (招生范围划定): the city. */
  'ENROLMENT.ADMISSION_BOUNDARIES': 'CITY',
  /** Admission rules and 指标到校: the city. */
  'ENROLMENT.ADMISSION_RULES': 'CITY',
} as const satisfies Record<string, GovernanceLevel>;

export type MatterKey = keyof typeof DEFAULT_LEADS;

export interface LeadAnswer {
  level: GovernanceLevel;
  source: 'PUBLISHED_LIST' | 'DEFAULT';
  /** Id of the published list that answered, when one did. */
  listId: number | null;
}

/**
 * One statement: the LEAD level of the item with this key on the city's current PUBLISHED list.
 * Publishing guarantees exactly one LEAD per item, so at most one row comes back.
 */
async function readPublishedLead(db: DbOrTx, cityCode: string, itemKey: string) {
  const [row] = await db
    .select({ level: responsibilityAssignments.level, listId: responsibilityLists.id })
    .from(responsibilityLists)
    .innerJoin(responsibilityItems, eq(responsibilityItems.listId, responsibilityLists.id))
    .innerJoin(responsibilityAssignments, eq(responsibilityAssignments.itemId, responsibilityItems.id))
    .where(
      and(
        eq(responsibilityLists.regionCode, cityCode),
        eq(responsibilityLists.status, 'PUBLISHED'),
        eq(responsibilityItems.key, itemKey),
        eq(responsibilityAssignments.role, 'LEAD'),
      ),
    )
    .limit(1);
  return row ?? null;
}

export async function whoLeads(db: DbOrTx, regionCode: string, itemKey: MatterKey | string): Promise<LeadAnswer> {
  // The city's list governs its counties and schools (430721 → 430700).
  const published = await readPublishedLead(db, cityOf(regionCode), itemKey);
  if (published) return { level: published.level, source: 'PUBLISHED_LIST', listId: published.listId };
  const fallback = (DEFAULT_LEADS as Record<string, GovernanceLevel>)[itemKey];
  if (!fallback) throw new Error(`No default lead level for governance matter ${itemKey}`);
  return { level: fallback, source: 'DEFAULT', listId: null };
}
