import { and, asc, eq, gte, inArray, lte, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../../context.js';
import { consortia, regions, schools, teachers } from '../../organisation/table.js';
import { underRegion } from '../filters.js';
import { COUNTED_KINDS, COUNTED_STATUSES, schoolYear } from '../rules.js';
import { exchangeAssignments } from '../table.js';
import { settingsFor } from './common.js';

/** One line of the report: a county, or the total over the requested region's counties. */
export interface ExchangeStatsRow {
  regionCode: string;
  regionName: string;
  eligibleTeachers: number;
  exchangedTeachers: number;
  backboneExchanged: number;
  assignments: number;
  urbanToRural: number;
  strongToWeak: number;
  crossCounty: number;
  eligibilityYears: number | null;
  targetRatio: number;
  backboneShareTarget: number;
}

export interface ExchangeStats {
  regionCode: string;
  regionName: string;
  year: number;
  from: string;
  to: string;
  counties: ExchangeStatsRow[];
  total: ExchangeStatsRow;
}

const KEYS = ['exchange.eligibilityYears', 'exchange.targetRatio', 'exchange.backboneShareTarget'] as const;

/**
 * The annual exchange report of a county, or of a city/province with one row per county and
 * a total. The counting rules are the ones documented on the ExchangeStats GraphQL type.
 * Four queries in two round trips whatever the size: the region with its counties, then
 * settings, the teacher-years histogram and the assignment aggregates together.
 */
export async function exchangeStats(db: DbOrTx, regionCode: string, year: number): Promise<ExchangeStats | null> {
  // The region and its counties in one round trip; then settings and both counts together.
  const found = await db
    .select()
    .from(regions)
    .where(or(eq(regions.code, regionCode), and(eq(regions.level, 'COUNTY'), underRegion(regions.code, regionCode))))
    .orderBy(asc(regions.code));
  const region = found.find((r) => r.code === regionCode);
  if (!region) return null;
  const counties = found.filter((r) => r.level === 'COUNTY');
  const { from, to } = schoolYear(year);
  const [settings, histogram, flows] = await Promise.all([
    settingsFor(db, [regionCode, ...counties.map((c) => c.code)], KEYS),
    db
      .select({ county: teachers.countyCode, years: teachers.yearsAtSchool, n: sql<number>`count(*)::int` })
      .from(teachers)
      .where(underRegion(teachers.countyCode, regionCode))
      .groupBy(teachers.countyCode, teachers.yearsAtSchool),
    assignmentAggregates(db, regionCode, from, to),
  ]);

  const rows = counties.map((c): ExchangeStatsRow => {
    const s = settings.get(c.code)!;
    const f = flows.get(c.code);
    return {
      regionCode: c.code,
      regionName: c.name,
      eligibleTeachers: histogram
        .filter((h) => h.county === c.code && h.years >= s['exchange.eligibilityYears'])
        .reduce((sum, h) => sum + h.n, 0),
      exchangedTeachers: f?.exchanged ?? 0,
      backboneExchanged: f?.backbone ?? 0,
      assignments: f?.assignments ?? 0,
      urbanToRural: f?.urbanToRural ?? 0,
      strongToWeak: f?.strongToWeak ?? 0,
      crossCounty: f?.crossCounty ?? 0,
      eligibilityYears: s['exchange.eligibilityYears'],
      targetRatio: s['exchange.targetRatio'],
      backboneShareTarget: s['exchange.backboneShareTarget'],
    };
  });
  const own = settings.get(regionCode)!;
  const sum = (k: keyof ExchangeStatsRow) => rows.reduce((acc, r) => acc + (r[k] as number), 0);
  const total: ExchangeStatsRow =
    region.level === 'COUNTY'
      ? rows[0]
      : {
          regionCode: region.code,
          regionName: region.name,
          eligibleTeachers: sum('eligibleTeachers'),
          exchangedTeachers: sum('exchangedTeachers'),
          backboneExchanged: sum('backboneExchanged'),
          assignments: sum('assignments'),
          urbanToRural: sum('urbanToRural'),
          strongToWeak: sum('strongToWeak'),
          crossCounty: sum('crossCounty'),
          // Counties may set different thresholds; the total adds up each county's own count.
          eligibilityYears: rows.every((r) => r.eligibilityYears === rows[0]?.eligibilityYears) ? (rows[0]?.eligibilityYears ?? null) : null,
          targetRatio: own['exchange.targetRatio'],
          backboneShareTarget: own['exchange.backboneShareTarget'],
        };
  return { regionCode: region.code, regionName: region.name, year, from, to, counties: rows, total };
}

/** Per sending county: distinct teachers, backbone teachers, assignments and flows. */
async function assignmentAggregates(db: DbOrTx, regionCode: string, from: string, to: string) {
  const a = exchangeAssignments;
  const src = alias(schools, 'src');
  const tgt = alias(schools, 'tgt');
  // A school is strong (优质校) when it is its county's flagship high school (县中) or leads a consortium.
  const strong = (s: typeof src | typeof tgt) =>
    sql`(${s.isCountyHighSchool} or exists (select 1 from ${consortia} where ${consortia.leadSchoolId} = ${s.id}))`;
  const rows = await db
    .select({
      county: a.sourceCountyCode,
      exchanged: sql<number>`count(distinct ${a.teacherId})::int`,
      backbone: sql<number>`(count(distinct ${a.teacherId}) filter (where ${a.backboneLevelAtProposal} <> 'NONE'))::int`,
      assignments: sql<number>`count(*)::int`,
      urbanToRural: sql<number>`(count(*) filter (where ${src.locality} = 'URBAN' and ${tgt.locality} <> 'URBAN'))::int`,
      strongToWeak: sql<number>`(count(*) filter (where ${strong(src)} and not ${strong(tgt)}))::int`,
      crossCounty: sql<number>`(count(*) filter (where ${a.sourceCountyCode} <> ${a.targetCountyCode}))::int`,
    })
    .from(a)
    .innerJoin(src, eq(src.id, a.sourceSchoolId))
    .innerJoin(tgt, eq(tgt.id, a.targetSchoolId))
    .where(
      and(
        underRegion(a.sourceCountyCode, regionCode),
        inArray(a.kind, [...COUNTED_KINDS]),
        inArray(a.status, [...COUNTED_STATUSES]),
        gte(a.startDate, from),
        lte(a.startDate, to),
      ),
    )
    .groupBy(a.sourceCountyCode);
  return new Map(rows.map((r) => [r.county, r]));
}
