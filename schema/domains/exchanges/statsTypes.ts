import { builder } from '../../builder.js';
import type { ExchangeStats, ExchangeStatsRow } from './services/exchangeStats.js';

/** Share a / b, or null when b is 0 (no denominator, nothing to measure). */
const share = (a: number, b: number) => (b > 0 ? a / b : null);
/** a / b ≥ target, compared without float rounding trouble (3 of 30 meets 10%). */
const meets = (a: number, b: number, target: number) => (b > 0 ? a >= target * b - 1e-9 : null);

const ratioMet = (r: ExchangeStatsRow) => meets(r.exchangedTeachers, r.eligibleTeachers, r.targetRatio);
const backboneMet = (r: ExchangeStatsRow) => meets(r.backboneExchanged, r.exchangedTeachers, r.backboneShareTarget);

export const ExchangeStatsRowRef = builder.objectRef<ExchangeStatsRow>('ExchangeStatsRow').implement({
  description:
    'Exchange figures of one county for one school year, or the total of a city (交流轮岗统计行). Targets are the region’s settings exchange.targetRatio and exchange.backboneShareTarget.',
  fields: (t) => ({
    regionCode: t.exposeString('regionCode', { description: 'County code, or the requested region’s code for the total (区划代码).' }),
    regionName: t.exposeString('regionName', { description: 'Region name (区划名称).' }),
    eligibleTeachers: t.exposeInt('eligibleTeachers', {
      description: 'Teachers of the county with years at the current school ≥ its exchange.eligibilityYears (符合交流条件教师数), from the current register.',
    }),
    eligibilityYears: t.exposeInt('eligibilityYears', {
      nullable: true,
      description: 'Eligibility threshold in years used for this row; null on a total whose counties use different thresholds.',
    }),
    exchangedTeachers: t.exposeInt('exchangedTeachers', { description: 'Distinct teachers exchanged out of the county this school year (交流教师数).' }),
    ratio: t.float({
      nullable: true,
      description: 'exchangedTeachers ÷ eligibleTeachers (交流比例); null when no teacher is eligible.',
      resolve: (r) => share(r.exchangedTeachers, r.eligibleTeachers),
    }),
    targetRatio: t.exposeFloat('targetRatio', { description: 'Target ratio (交流比例目标), national default 0.10.' }),
    ratioMet: t.boolean({
      nullable: true,
      description: 'ratio ≥ targetRatio (是否达标); null when no teacher is eligible.',
      resolve: ratioMet,
    }),
    backboneExchanged: t.exposeInt('backboneExchanged', {
      description: 'Exchanged teachers who were backbone teachers (骨干教师, any level) when proposed (骨干教师交流人数).',
    }),
    backboneShare: t.float({
      nullable: true,
      description: 'backboneExchanged ÷ exchangedTeachers (骨干教师占比); null when nobody was exchanged.',
      resolve: (r) => share(r.backboneExchanged, r.exchangedTeachers),
    }),
    backboneShareTarget: t.exposeFloat('backboneShareTarget', { description: 'Target backbone share (骨干占比目标), national default 0.20.' }),
    backboneShareMet: t.boolean({
      nullable: true,
      description: 'backboneShare ≥ backboneShareTarget; null when nobody was exchanged.',
      resolve: backboneMet,
    }),
    met: t.boolean({
      nullable: true,
      description: 'Both targets met (整体达标); false when eligible teachers exist but none was exchanged; null when no teacher is eligible.',
      resolve: (r) => {
        const a = ratioMet(r);
        return a === null ? null : a && backboneMet(r) === true;
      },
    }),
    assignments: t.exposeInt('assignments', { description: 'Counted assignments (交流人次); a teacher with two postings counts twice here.' }),
    urbanToRural: t.exposeInt('urbanToRural', { description: 'Assignments from an URBAN school to a TOWN or RURAL one (城区→乡村/镇区).' }),
    strongToWeak: t.exposeInt('strongToWeak', {
      description: 'Assignments from a strong school (县中 or a consortium’s lead school) to a school that is neither (优质校→薄弱校).',
    }),
    crossCounty: t.exposeInt('crossCounty', { description: 'Assignments to a school in another county (跨县交流).' }),
  }),
});

export const ExchangeStatsRef = builder.objectRef<ExchangeStats>('ExchangeStats').implement({
  description: [
    'Annual teacher-exchange report of a county, or of a city (or province) with one row per county and a total (教师交流轮岗年度统计). Aggregates only: no teacher is named, so portals may read it.',
    'Counting rules:',
    '(1) The year Y is the school year (学年) from 1 September Y to 31 August Y+1.',
    '(2) An assignment counts when its kind is ROTATION, SUPPORT or ITINERANT (SHADOWING is training and never counts), its status is APPROVED, ACTIVE or COMPLETED (PROPOSED, REJECTED and CANCELLED never count), and its start date falls in the school year.',
    '(3) A multi-year rotation counts once, in the school year it starts, not again in later years; a posting ended early still counts in its starting year.',
    '(4) An assignment counts for the county of its sending school (the teacher’s home school when proposed), also when the receiving school is in another county.',
    '(5) exchangedTeachers counts distinct teachers; flows (urbanToRural, strongToWeak, crossCounty) and `assignments` count assignments.',
    '(6) Backbone teachers are those whose backbone level (骨干级别) was COUNTY, CITY or PROVINCIAL when proposed.',
    '(7) eligibleTeachers is taken from the current teacher register with each county’s exchange.eligibilityYears; the register keeps no history, so past years use today’s register.',
    '(8) Targets are each county’s effective settings (inherited from city and province, defaults 0.10 and 0.20); the total uses the requested region’s own settings and sums the county rows.',
  ].join('\n'),
  fields: (t) => ({
    regionCode: t.exposeString('regionCode', { description: 'The region asked for (统计区划).' }),
    regionName: t.exposeString('regionName', { description: 'Its name.' }),
    year: t.exposeInt('year', { description: 'School year Y, i.e. Y-09-01 to (Y+1)-08-31 (学年).' }),
    from: t.field({ type: 'Date', description: 'First day of the school year counted.', resolve: (s) => s.from }),
    to: t.field({ type: 'Date', description: 'Last day of the school year counted.', resolve: (s) => s.to }),
    counties: t.field({ type: [ExchangeStatsRowRef], description: 'One row per county, by code (分县统计); a single row for a county.', resolve: (s) => s.counties }),
    total: t.field({ type: ExchangeStatsRowRef, description: 'The region as a whole (合计); for a county, its own row.', resolve: (s) => s.total }),
  }),
});
