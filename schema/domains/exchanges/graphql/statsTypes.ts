import { builder } from '../../../builder.js';
import { SchoolStageEnum } from '../../organisation/graphql/enums.js';
import type { ExchangeStats, ExchangeStatsRow } from '../exchangeStats.js';

/** Share a / b, or null when b is 0 (no denominator, nothing to measure). */
const share = (a: number, b: number) => (b > 0 ? a / b : null);
/** a / b ≥ target, compared without float rounding trouble (3 of 30 meets 10%). */
const meets = (a: number, b: number, target: number) => (b > 0 ? a >= target * b - 1e-9 : null);

const ratioMet = (r: ExchangeStatsRow) => meets(r.exchangedTeachers, r.eligibleTeachers, r.targetRatio);
const backboneMet = (r: ExchangeStatsRow) => meets(r.backboneExchanged, r.exchangedTeachers, r.backboneShareTarget);
const localRatioMet = (r: ExchangeStatsRow) =>
  r.localTargetRatio == null ? null : meets(r.exchangedTeachers, r.eligibleTeachers, r.localTargetRatio);
const localBackboneMet = (r: ExchangeStatsRow) =>
  r.localBackboneShareTarget == null
    ? null
    : meets(r.backboneExchanged, r.exchangedTeachers, r.localBackboneShareTarget);

export const ExchangePopulationSourceEnum = builder.enumType('ExchangePopulationSource', {
  description: 'Where the eligible population of a row comes from (交流基数来源).',
  values: {
    REGISTER_OF_YEAR: {
      description:
        'The register recorded for that school year (recordExchangeRegister): fixed, later moves ' +
        'do not change it (年度名册).',
    },
    CURRENT_REGISTER: {
      description: 'Today’s teacher register: no register was recorded for that county and year (现行名册).',
    },
    MIXED: { description: 'A total over counties of which some have a recorded register and some do not.' },
  },
});

export const ExchangeStatsRowRef = builder.objectRef<ExchangeStatsRow>('ExchangeStatsRow').implement({
  description:
    'Exchange figures of one county for one school year, of a city’s own 市直 schools ' +
    '(regionCode the city’s, name ending 市直), or the total of a city (交流轮岗统计行). ' +
    'National targets are the region’s settings exchange.targetRatio and ' +
    'exchange.backboneShareTarget; local targets (地方目标) exchange.localTargetRatio and ' +
    'exchange.localBackboneShareTarget are reported beside them.',
  fields: (t) => ({
    regionCode: t.exposeString('regionCode', {
      description: 'County code, or the requested region’s code for the total (区划代码).',
    }),
    regionName: t.exposeString('regionName', { description: 'Region name (区划名称).' }),
    eligibleTeachers: t.exposeInt('eligibleTeachers', {
      description:
        'Teachers of the county’s schools of the counted stages with years at the school ≥ its ' +
        'exchange.eligibilityYears (符合交流条件教师数): from the register recorded for the school ' +
        'year when there is one, else from today’s register (see populationSource).',
    }),
    populationSource: t.field({
      type: ExchangePopulationSourceEnum,
      description:
        'Whether eligibleTeachers comes from the register recorded for the year or from today’s ' +
        'register (交流基数来源).',
      resolve: (r) => r.populationSource,
    }),
    eligibilityYears: t.exposeInt('eligibilityYears', {
      nullable: true,
      description:
        'Eligibility threshold in years used for this row; null on a total whose counties use ' +
        'different thresholds.',
    }),
    exchangedTeachers: t.exposeInt('exchangedTeachers', {
      description: 'Distinct teachers exchanged out of the county this school year (交流教师数).',
    }),
    ratio: t.float({
      nullable: true,
      description: 'exchangedTeachers ÷ eligibleTeachers (交流比例); null when no teacher is eligible.',
      resolve: (r) => share(r.exchangedTeachers, r.eligibleTeachers),
    }),
    targetRatio: t.exposeFloat('targetRatio', {
      description: 'Target ratio (交流比例目标), national default 0.10 (教师〔2014〕4号: 不低于10%).',
    }),
    localTargetRatio: t.float({
      nullable: true,
      description:
        'The region’s stricter local target for the ratio, beside the national one (地方目标, ' +
        'setting exchange.localTargetRatio; e.g. 0.20); null when none is set.',
      resolve: (r) => r.localTargetRatio,
    }),
    localRatioMet: t.boolean({
      nullable: true,
      description:
        'ratio ≥ localTargetRatio (地方目标是否达成); null without a local target or without eligible teachers.',
      resolve: localRatioMet,
    }),
    ratioMet: t.boolean({
      nullable: true,
      description: 'ratio ≥ targetRatio (是否达标); null when no teacher is eligible.',
      resolve: ratioMet,
    }),
    backboneExchanged: t.exposeInt('backboneExchanged', {
      description:
        'Exchanged teachers who were backbone teachers (骨干教师, any level) when proposed (骨干教师交流人数).',
    }),
    backboneShare: t.float({
      nullable: true,
      description: 'backboneExchanged ÷ exchangedTeachers (骨干教师占比); null when nobody was exchanged.',
      resolve: (r) => share(r.backboneExchanged, r.exchangedTeachers),
    }),
    backboneShareTarget: t.exposeFloat('backboneShareTarget', {
      description: 'Target backbone share (骨干占比目标), national default 0.20 (骨干教师不低于交流总数的20%).',
    }),
    localBackboneShareTarget: t.float({
      nullable: true,
      description:
        'The region’s stricter local target for the backbone share (地方骨干占比目标, setting ' +
        'exchange.localBackboneShareTarget; e.g. 0.30); null when none is set.',
      resolve: (r) => r.localBackboneShareTarget,
    }),
    localBackboneShareMet: t.boolean({
      nullable: true,
      description:
        'backboneShare ≥ localBackboneShareTarget; null without a local target or when nobody was ' + 'exchanged.',
      resolve: localBackboneMet,
    }),
    backboneShareMet: t.boolean({
      nullable: true,
      description: 'backboneShare ≥ backboneShareTarget; null when nobody was exchanged.',
      resolve: backboneMet,
    }),
    met: t.boolean({
      nullable: true,
      description:
        'Both targets met (整体达标); false when eligible teachers exist but none was exchanged; ' +
        'null when no teacher is eligible.',
      resolve: (r) => {
        const a = ratioMet(r);
        return a === null ? null : a && backboneMet(r) === true;
      },
    }),
    assignments: t.exposeInt('assignments', {
      description: 'Counted assignments (交流人次); a teacher with two postings counts twice here.',
    }),
    urbanToRural: t.exposeInt('urbanToRural', {
      description:
        'Assignments from a 城镇 school (URBAN 城区 or TOWN 镇区) to a RURAL (乡村) school ' +
        '(城镇→乡村): TOWN → RURAL counts, URBAN → TOWN does not. Localities as of proposal.',
    }),
    strongToWeak: t.exposeInt('strongToWeak', {
      description:
        'Assignments from a strong school (县中 or a consortium’s lead school) to a school ' +
        'designated weak (薄弱学校, designateWeakSchool) when proposed (优质校→薄弱校).',
    }),
    backboneToWeak: t.exposeInt('backboneToWeak', {
      description:
        'Assignments of backbone teachers (骨干, as of proposal) to a school designated weak when ' +
        'proposed (骨干教师向薄弱学校流动).',
    }),
    crossCounty: t.exposeInt('crossCounty', { description: 'Assignments to a school in another county (跨县交流).' }),
  }),
});

export const ExchangeStatsRef = builder.objectRef<ExchangeStats>('ExchangeStats').implement({
  description: [
    'Annual teacher-exchange report of a county, or of a city (or province) with one row per ' +
      'county and a total (教师交流轮岗年度统计). Aggregates only: no teacher is named, so ' +
      'portals may read it.',
    'Counting rules:',
    '(1) The year Y is the school year (学年) from 1 September Y to 31 August Y+1.',
    '(1a) Population: teachers of schools of the requested stages; by default the ' +
      'compulsory-education stages PRIMARY, JUNIOR and NINE_YEAR (义务教育). 普高 (SENIOR), ' +
      'TWELVE_YEAR, 中职 (VOCATIONAL), 特教 (SPECIAL) and kindergarten teachers, and exchanges ' +
      'from their schools, count only when asked for. The stage of an exchange is its sending ' +
      'school’s stage when proposed.',
    '(2) An assignment counts when its kind is ROTATION, SUPPORT or ITINERANT (SHADOWING is ' +
      'training and never counts), its status is APPROVED, ACTIVE or COMPLETED (PROPOSED, ' +
      'REJECTED and CANCELLED never count), and its start date falls in the school year.',
    '(3) A multi-year rotation counts once, in the school year it starts, not again in later ' +
      'years; a posting ended early still counts in its starting year.',
    '(4) An assignment counts for the county of its sending school (the teacher’s home school ' +
      'when proposed), also when the receiving school is in another county. Exchanges from ' +
      'schools run by the city (市直) count in the city’s own row.',
    '(5) exchangedTeachers counts distinct teachers; flows (urbanToRural, strongToWeak, ' +
      'backboneToWeak, crossCounty) and `assignments` count assignments. urbanToRural is 城镇 ' +
      '(城区 URBAN + 镇区 TOWN) → 乡村 RURAL; weak means designated 薄弱学校 by the running ' +
      'region; localities and the weak flag are taken as they were when the exchange was ' +
      'proposed.',
    '(6) Backbone teachers are those whose backbone level (骨干级别) was COUNTY, CITY or PROVINCIAL when proposed.',
    '(7) eligibleTeachers uses each county’s exchange.eligibilityYears over the register ' +
      'recorded for that school year (recordExchangeRegister: each teacher’s school, its stage ' +
      'and status, years at school, as of recording), so a past year’s figures do not change ' +
      'when teachers move later; a county without a recorded register for the year uses today’s ' +
      'register, and says so in populationSource. Teachers of closed schools are never counted.',
    '(8) Targets are each county’s effective settings (inherited from city and province, ' +
      'national defaults 0.10 and 0.20; local targets none by default); the total uses the ' +
      'requested region’s own settings and sums the rows.',
  ].join('\n'),
  fields: (t) => ({
    regionCode: t.exposeString('regionCode', { description: 'The region asked for (统计区划).' }),
    regionName: t.exposeString('regionName', { description: 'Its name.' }),
    year: t.exposeInt('year', { description: 'School year Y, i.e. Y-09-01 to (Y+1)-08-31 (学年).' }),
    stages: t.field({
      type: [SchoolStageEnum],
      description: 'School stages whose teachers and exchanges were counted (统计学段).',
      resolve: (s) => s.stages,
    }),
    from: t.field({ type: 'Date', description: 'First day of the school year counted.', resolve: (s) => s.from }),
    to: t.field({ type: 'Date', description: 'Last day of the school year counted.', resolve: (s) => s.to }),
    counties: t.field({
      type: [ExchangeStatsRowRef],
      description:
        'One row per county, by code (分县统计), preceded for a city by the row of its own 市直 ' +
        'schools when it runs any; a single row for a county.',
      resolve: (s) => s.counties,
    }),
    total: t.field({
      type: ExchangeStatsRowRef,
      description: 'The region as a whole (合计); for a county, its own row.',
      resolve: (s) => s.total,
    }),
  }),
});
