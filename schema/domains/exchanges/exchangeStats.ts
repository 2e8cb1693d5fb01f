import { and, asc, eq, gte, inArray, lte, or, sql } from 'drizzle-orm';
import { resolveSettingsFor } from '../settings/resolve.js';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../context.js';
import { regionLevelOf } from '../organisation/codes.js';
import { consortia, regions, schools, teachers } from '../organisation/table.js';
import { underRegion } from '../organisation/codes.js';
import { COMPULSORY_STAGES, COUNTED_KINDS, COUNTED_STATUSES, schoolYear, type SchoolStage } from './rules.js';
import { exchangeAssignments, exchangeRegisterEntries } from './table.js';

/** Where a row's eligible population comes from: the recorded register of the year, or today's register. */
export type PopulationSource = 'REGISTER_OF_YEAR' | 'CURRENT_REGISTER' | 'MIXED';

/** One line of the report: a county, the city's own 市直 schools, or the total over the requested region. */
export interface ExchangeStatsRow {
  regionCode: string;
  regionName: string;
  eligibleTeachers: number;
  exchangedTeachers: number;
  backboneExchanged: number;
  assignments: number;
  urbanToRural: number;
  strongToWeak: number;
  backboneToWeak: number;
  crossCounty: number;
  eligibilityYears: number | null;
  targetRatio: number;
  backboneShareTarget: number;
  localTargetRatio: number | null;
  localBackboneShareTarget: number | null;
  populationSource: PopulationSource;
}

export interface ExchangeStats {
  regionCode: string;
  regionName: string;
  year: number;
  from: string;
  to: string;
  stages: SchoolStage[];
  counties: ExchangeStatsRow[];
  total: ExchangeStatsRow;
}

const KEYS = [
  'exchange.eligibilityYears',
  'exchange.targetRatio',
  'exchange.backboneShareTarget',
  'exchange.localTargetRatio',
  'exchange.localBackboneShareTarget',
] as const;

/**
 * The annual exchange report of a county, or of a city/province with one row per county (and,
 * for a city, one for the schools it runs itself, 市直) and a total. The counting rules are the
 * ones documented on the ExchangeStats GraphQL type. A fixed number of queries whatever the size.
 */
export async function exchangeStats(
  db: DbOrTx,
  regionCode: string,
  year: number,
  stages: readonly SchoolStage[] = COMPULSORY_STAGES,
): Promise<ExchangeStats | null> {
  const found = await db
    .select()
    .from(regions)
    .where(or(eq(regions.code, regionCode), and(eq(regions.level, 'COUNTY'), underRegion(regions.code, regionCode))))
    .orderBy(asc(regions.code));
  const region = found.find((r) => r.code === regionCode);
  if (!region) return null;
  const { from, to } = schoolYear(year);
  const stageList = [...new Set(stages)];
  const [settings, live, registered, recordedCounties, flows, cityRuns] = await Promise.all([
    resolveSettingsFor(
      db,
      KEYS,
      found.map((c) => c.code),
    ),
    db
      .select({ county: teachers.countyCode, years: teachers.yearsAtSchool, n: sql<number>`count(*)::int` })
      .from(teachers)
      .innerJoin(schools, eq(schools.id, teachers.schoolId))
      .where(
        and(
          underRegion(teachers.countyCode, regionCode),
          inArray(schools.stage, stageList),
          sql`${schools.status} <> 'CLOSED'`,
        ),
      )
      .groupBy(teachers.countyCode, teachers.yearsAtSchool),
    db
      .select({
        county: exchangeRegisterEntries.countyCode,
        years: exchangeRegisterEntries.yearsAtSchool,
        n: sql<number>`count(*)::int`,
      })
      .from(exchangeRegisterEntries)
      .where(
        and(
          eq(exchangeRegisterEntries.year, year),
          underRegion(exchangeRegisterEntries.countyCode, regionCode),
          inArray(exchangeRegisterEntries.schoolStage, stageList),
        ),
      )
      .groupBy(exchangeRegisterEntries.countyCode, exchangeRegisterEntries.yearsAtSchool),
    db
      .selectDistinct({ county: exchangeRegisterEntries.countyCode })
      .from(exchangeRegisterEntries)
      .where(and(eq(exchangeRegisterEntries.year, year), underRegion(exchangeRegisterEntries.countyCode, regionCode))),
    assignmentAggregates(db, regionCode, from, to, stageList),
    // Does the city run schools of its own (市直)? Then they get a row of their own.
    regionLevelOf(regionCode) === 'CITY' ? db.$count(schools, eq(schools.countyCode, regionCode)) : Promise.resolve(0),
  ]);
  const recorded = new Set(recordedCounties.map((r) => r.county));

  const units = [
    ...(cityRuns > 0 ? [{ code: region.code, name: `${region.name}市直` }] : []),
    ...found.filter((r) => r.level === 'COUNTY'),
  ];
  const rows = units.map((c): ExchangeStatsRow => {
    const s = settings.get(c.code)!;
    const f = flows.get(c.code);
    const histogram = recorded.has(c.code) ? registered : live;
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
      backboneToWeak: f?.backboneToWeak ?? 0,
      crossCounty: f?.crossCounty ?? 0,
      eligibilityYears: s['exchange.eligibilityYears'],
      targetRatio: s['exchange.targetRatio'],
      backboneShareTarget: s['exchange.backboneShareTarget'],
      localTargetRatio: s['exchange.localTargetRatio'],
      localBackboneShareTarget: s['exchange.localBackboneShareTarget'],
      populationSource: recorded.has(c.code) ? 'REGISTER_OF_YEAR' : 'CURRENT_REGISTER',
    };
  });
  const own = settings.get(regionCode)!;
  const sum = (k: keyof ExchangeStatsRow) => rows.reduce((acc, r) => acc + (r[k] as number), 0);
  const sources = new Set(rows.map((r) => r.populationSource));
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
          backboneToWeak: sum('backboneToWeak'),
          crossCounty: sum('crossCounty'),
          // Counties may set different thresholds; the total adds up each county's own count.
          eligibilityYears: rows.every((r) => r.eligibilityYears === rows[0]?.eligibilityYears)
            ? (rows[0]?.eligibilityYears ?? null)
            : null,
          targetRatio: own['exchange.targetRatio'],
          backboneShareTarget: own['exchange.backboneShareTarget'],
          localTargetRatio: own['exchange.localTargetRatio'],
          localBackboneShareTarget: own['exchange.localBackboneShareTarget'],
          populationSource: sources.size === 1 ? [...sources][0] : sources.size === 0 ? 'CURRENT_REGISTER' : 'MIXED',
        };
  return { regionCode: region.code, regionName: region.name, year, from, to, stages: stageList, counties: rows, total };
}

/** Per sending county (or city, for 市直 schools): distinct teachers, backbone teachers, assignments and flows. */
async function assignmentAggregates(db: DbOrTx, regionCode: string, from: string, to: string, stages: SchoolStage[]) {
  const a = exchangeAssignments;
  const src = alias(schools, 'src');
  const tgt = alias(schools, 'tgt');
  // A school is strong (优质校) when it is its county's flagship high school (县中) or leads a consortium.
  const strong = sql`(${src.isCountyHighSchool} or exists (select 1 from ${consortia} where ${consortia.leadSchoolId} = ${src.id}))`;
  // As of proposal where recorded; rows from before these were recorded read the schools as they are.
  const sourceStage = sql`coalesce(${a.sourceStageAtProposal}, ${src.stage})`;
  const sourceLocality = sql`coalesce(${a.sourceLocalityAtProposal}, ${src.locality})`;
  const targetLocality = sql`coalesce(${a.targetLocalityAtProposal}, ${tgt.locality})`;
  const targetWeak = sql`coalesce(${a.targetWeakAtProposal}, ${tgt.isWeak})`;
  const backbone = sql`${a.backboneLevelAtProposal} <> 'NONE'`;
  const rows = await db
    .select({
      county: a.sourceCountyCode,
      exchanged: sql<number>`count(distinct ${a.teacherId})::int`,
      backbone: sql<number>`(count(distinct ${a.teacherId}) filter (where ${backbone}))::int`,
      assignments: sql<number>`count(*)::int`,
      // 城镇 (城区 + 镇区) → 乡村, as 教师〔2014〕4号 counts urban-to-rural exchange.
      urbanToRural: sql<number>`(count(*) filter (where ${sourceLocality} in ('URBAN', 'TOWN') and ${targetLocality} = 'RURAL'))::int`,
      strongToWeak: sql<number>`(count(*) filter (where ${strong} and ${targetWeak}))::int`,
      backboneToWeak: sql<number>`(count(*) filter (where ${backbone} and ${targetWeak}))::int`,
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
        sql`${sourceStage} in (${sql.join(
          stages.map((st) => sql`${st}`),
          sql`, `,
        )})`,
      ),
    )
    .groupBy(a.sourceCountyCode);
  return new Map(rows.map((r) => [r.county, r]));
}
