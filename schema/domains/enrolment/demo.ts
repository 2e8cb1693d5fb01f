import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Context } from '../../context.js';
import { schools } from '../organisation/table.js';
import { allocateQuota } from './allocation.js';
import { allocateQuotaPlaces } from './services/allocateQuotaPlaces.js';
import { createEnrolmentPlan } from './services/createEnrolmentPlan.js';
import { overrideQuotaAllocation } from './services/overrideQuotaAllocation.js';
import { publishEnrolmentPlan } from './services/publishEnrolmentPlan.js';
import { setEnrolmentBoundary } from './services/setEnrolmentBoundary.js';
import { setSchoolEnrolmentPlaces } from './services/setSchoolEnrolmentPlaces.js';
import { upsertEnrolmentAdmissions } from './services/upsertEnrolmentAdmissions.js';

/**
 * Demo enrolment of 常德市 for 2026 (senior high), through the services: the city's unified
 * policy (指标到校 at least 50 %, no cross-county admission), each 县中 and the 市直 schools
 * 常德市一中/二中/七中 with boundary and places, 指标到校 shared over the junior schools inside
 * the boundary by graduating cohort (a third of each junior school's pupils), one override for a
 * rural junior school of 安乡县, the plan published, and admissions reported — 澧县's 县中
 * admitting pupils from 临澧县 (跨县招生, flagged RED); then an amendment published (version 2,
 * the first superseded) and a draft of next year's junior-secondary rules. Fixed figures, schools read in code
 * order: deterministic.
 */
const CITY = '430700';
const YEAR = 2026;
const URBAN = ['430702', '430703'];

/** Planned places of each county's 县中 (统招 + 指标到校 + 特长), 指标到校 at 55 %. */
const COUNTY_PLACES: Record<string, number> = {
  '430703': 1000,
  '430721': 800,
  '430722': 900,
  '430723': 1100,
  '430724': 700,
  '430725': 1000,
  '430726': 900,
  '430781': 600,
};
/** 市直 schools (in 武陵区): places, 示范性, boundary = the city districts. */
const CITY_SCHOOLS: Record<string, { places: number; demonstration: boolean }> = {
  常德市第一中学: { places: 1200, demonstration: true },
  常德市第二中学: { places: 800, demonstration: false },
  常德市第七中学: { places: 900, demonstration: true },
};
/** The one county recruiting across its boundary: 澧县's 县中 takes unified pupils from 临澧县. */
const POACHER = { county: '430723', from: '430724', pupils: [15, 10] };

interface Line {
  code: string;
  countyCode: string;
  demonstration: boolean;
  boundary: string[];
  unified: number;
  quota: number;
  specialty: number;
}

function split(total: number, demonstration: boolean): Pick<Line, 'unified' | 'quota' | 'specialty'> {
  const specialty = Math.round(total * 0.03);
  const quota = demonstration ? Math.ceil(total * 0.55) : Math.round(total * 0.3);
  return { unified: total - quota - specialty, quota, specialty };
}

async function planLines(ctx: Context): Promise<Line[]> {
  const county = await ctx.db
    .select()
    .from(schools)
    .where(and(eq(schools.isCountyHighSchool, true), inArray(schools.countyCode, Object.keys(COUNTY_PLACES))))
    .orderBy(asc(schools.code));
  const city = await ctx.db
    .select()
    .from(schools)
    .where(inArray(schools.name, Object.keys(CITY_SCHOOLS)))
    .orderBy(asc(schools.code));
  return [
    ...city.map((s) => ({
      code: s.code,
      countyCode: s.countyCode,
      demonstration: CITY_SCHOOLS[s.name].demonstration,
      boundary: URBAN,
      ...split(CITY_SCHOOLS[s.name].places, CITY_SCHOOLS[s.name].demonstration),
    })),
    ...county.map((s) => ({
      code: s.code,
      countyCode: s.countyCode,
      demonstration: true,
      boundary: [s.countyCode],
      ...split(COUNTY_PLACES[s.countyCode], true),
    })),
  ];
}

async function juniorsIn(ctx: Context, counties: string[]) {
  const rows = await ctx.db
    .select()
    .from(schools)
    .where(and(inArray(schools.stage, ['JUNIOR', 'NINE_YEAR']), inArray(schools.countyCode, counties)))
    .orderBy(asc(schools.code));
  return rows.map((s) => ({
    code: s.code,
    countyCode: s.countyCode,
    locality: s.locality,
    graduates: Math.floor(s.enrolment / 3),
  }));
}

/** Shares `total` over the cohorts with the plan's own rule (so demo admissions look like real intake). */
function shares(total: number, cohorts: { code: string; graduates: number }[]): number[] {
  const result = allocateQuota(
    total,
    cohorts.map((c, i) => ({
      juniorSchoolId: i,
      juniorSchoolCode: c.code,
      graduates: c.graduates,
      overridePlaces: null,
    })),
  );
  if (!result.ok) throw new Error('demo enrolment: cohorts cannot share the places');
  return cohorts.map((_c, i) => result.places.get(i)!);
}

export function enrolmentSteps() {
  return [
    {
      name: 'enrolment plan 2026',
      async run(ctx: Context) {
        const plan = await createEnrolmentPlan(ctx, {
          regionCode: CITY,
          year: YEAR,
          stage: 'SENIOR',
          title: '常德市2026年普通高中招生计划',
          quotaShareMinPercent: 50,
          crossCountyAllowed: false,
        });
        const rows: unknown[] = [];
        const lines = await planLines(ctx);
        for (const line of lines) {
          await setEnrolmentBoundary(ctx, {
            planId: plan.id,
            schoolCode: line.code,
            allowedCountyCodes: line.boundary,
            demonstration: line.demonstration,
          });
          await setSchoolEnrolmentPlaces(ctx, {
            planId: plan.id,
            schoolCode: line.code,
            unifiedPlaces: line.unified,
            quotaPlaces: line.quota,
            specialtyPlaces: line.specialty,
          });
          const juniors = (await juniorsIn(ctx, line.boundary)).filter((j) => j.graduates > 0);
          await allocateQuotaPlaces(ctx, {
            planId: plan.id,
            schoolCode: line.code,
            cohorts: juniors.map((j) => ({ juniorSchoolCode: j.code, graduates: j.graduates })),
          });
          let quota = shares(line.quota, juniors);
          if (line.countyCode === '430721') {
            // 安乡县: the city gives its first rural junior school more places than its cohort earns (农村薄弱初中倾斜).
            const rural = juniors.findIndex((j) => j.locality === 'RURAL');
            const places = quota[rural] + 10;
            await overrideQuotaAllocation(ctx, {
              planId: plan.id,
              schoolCode: line.code,
              juniorSchoolCode: juniors[rural].code,
              places,
              reason: '向农村薄弱初中倾斜，市教育局核定增加10个指标到校名额',
            });
            const others = juniors.filter((_j, i) => i !== rural);
            const rest = shares(line.quota - places, others);
            quota = juniors.map((_j, i) => (i === rural ? places : rest[others.indexOf(juniors[i])]));
          }
          // Admissions: every quota place filled, 96 % of unified places, every specialty place.
          const poaching = line.countyCode === POACHER.county;
          const outside = poaching ? (await juniorsIn(ctx, [POACHER.from])).slice(0, POACHER.pupils.length) : [];
          const unifiedInside =
            Math.floor(line.unified * 0.96) - (poaching ? POACHER.pupils.reduce((a, b) => a + b, 0) : 0);
          const unified = shares(unifiedInside, juniors);
          juniors.forEach((j, i) => {
            if (quota[i])
              rows.push({
                year: YEAR,
                schoolCode: line.code,
                sourceJuniorSchoolCode: j.code,
                category: 'QUOTA',
                count: quota[i],
              });
            if (unified[i])
              rows.push({
                year: YEAR,
                schoolCode: line.code,
                sourceJuniorSchoolCode: j.code,
                category: 'UNIFIED',
                count: unified[i],
              });
          });
          rows.push({
            year: YEAR,
            schoolCode: line.code,
            sourceJuniorSchoolCode: juniors[0].code,
            category: 'SPECIALTY',
            count: line.specialty,
          });
          outside.forEach((j, i) => {
            rows.push({
              year: YEAR,
              schoolCode: line.code,
              sourceJuniorSchoolCode: j.code,
              category: 'UNIFIED',
              count: POACHER.pupils[i],
            });
          });
        }
        await publishEnrolmentPlan(ctx, { planId: plan.id });
        const result = await upsertEnrolmentAdmissions(ctx, { rows });
        if (result.errors.length)
          throw new Error(
            `demo admissions rejected: ${result.errors
              .slice(0, 3)
              .map((e) => `${e.path.join('.')}: ${e.message}`)
              .join('; ')}`,
          );
        // An amendment (修订): 石门县's 县中 moves 10 unified places to specialties; the first version is superseded.
        const amended = await createEnrolmentPlan(ctx, {
          regionCode: CITY,
          year: YEAR,
          stage: 'SENIOR',
          title: '常德市2026年普通高中招生计划（修订：石门县一中增加特长生计划）',
          quotaShareMinPercent: 50,
          copyFromPlanId: plan.id,
        });
        const shimen = lines.find((l) => l.countyCode === '430726')!;
        await setSchoolEnrolmentPlaces(ctx, {
          planId: amended.id,
          schoolCode: shimen.code,
          unifiedPlaces: shimen.unified - 10,
          quotaPlaces: shimen.quota,
          specialtyPlaces: shimen.specialty + 10,
        });
        await publishEnrolmentPlan(ctx, { planId: amended.id });
        // Next year's rules for junior secondary, still a draft of the city (城区初中招生工作方案).
        await createEnrolmentPlan(ctx, {
          regionCode: CITY,
          year: YEAR + 1,
          stage: 'JUNIOR',
          title: '常德市2027年城区初中招生工作方案（征求意见稿）',
          quotaShareMinPercent: 0,
        });
      },
    },
  ];
}
