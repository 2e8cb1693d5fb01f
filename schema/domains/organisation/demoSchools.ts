/**
 * The demo schools, county by county: the county seat (or 武陵区's city-run core), the town
 * and township schools, then the long tail of village schools and 教学点 up to the county's size.
 */
import type { Rng } from '../shared/demoRandom.js';
import { COUNTY_PLANS, VILLAGE_NAMES, WULING, WULING_STREETS, type CountyPlan } from './demoGeography.js';
import { KIND_SPECS, STAGE_CODE_PREFIX, type SchoolDraft, type SchoolKind } from './demoSchoolKinds.js';
import type { Stage } from './demoRecords.js';

const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1..99 in Chinese numerals, as used in school names (第十二中学). */
function chineseNumber(n: number): string {
  if (n < 10) return CN_DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : CN_DIGITS[tens]}十${ones === 0 ? '' : CN_DIGITS[ones]}`;
}

class SchoolBuilder {
  private readonly schools: SchoolDraft[] = [];
  private readonly names = new Set<string>();
  private readonly counters = new Map<string, number>();

  constructor(private readonly rng: Rng) {}

  add(plan: CountyPlan, kind: SchoolKind, name: string, town: string | null, isCountyHighSchool = false): SchoolDraft {
    if (this.names.has(name)) throw new Error(`duplicate school name ${name}`);
    this.names.add(name);
    const spec = KIND_SPECS[kind];
    // Village schools and 教学点 skew small: the product of two uniforms leans to the low end.
    const small = kind === 'VILLAGE_PRIMARY' || kind === 'TEACHING_POINT';
    const u = small ? this.rng.float() * this.rng.float() * 1.6 : this.rng.float();
    const enrolment = spec.enrolment[0] + Math.floor(Math.min(0.999, u) * (spec.enrolment[1] - spec.enrolment[0] + 1));
    // ±8% jitter so two schools of equal size do not get identical staffing.
    const teacherCount = Math.max(
      spec.minTeachers,
      Math.round((enrolment / spec.ratio) * (0.92 + this.rng.float() * 0.16)),
    );
    const staffCount = teacherCount + Math.round(teacherCount * spec.support);
    const school: SchoolDraft = {
      code: this.nextCode(plan.code, spec.stage),
      name,
      stage: spec.stage,
      locality: spec.locality,
      countyCode: plan.code,
      enrolment,
      staffCount,
      isCountyHighSchool,
      status: 'ACTIVE',
      kind,
      teacherCount,
      town,
    };
    this.schools.push(school);
    return school;
  }

  has(name: string): boolean {
    return this.names.has(name);
  }

  all(): SchoolDraft[] {
    return this.schools;
  }

  /**
   * 10-digit code: type prefix + '43' + 6-digit sequence. The sequence is the
   * county's last two digits ×1000 + a per-county counter, so it is unique and
   * readable (e.g. 2143025007 is the 7th school registered in 桃源县).
   */
  private nextCode(countyCode: string, stage: Stage): string {
    const n = (this.counters.get(countyCode) ?? 0) + 1;
    if (n > 999) throw new Error(`too many schools in ${countyCode}`);
    this.counters.set(countyCode, n);
    const seq = Number(countyCode.slice(4, 6)) * 1000 + n;
    return `${STAGE_CODE_PREFIX[stage]}43${String(seq).padStart(6, '0')}`;
  }
}

/** Names used by 武陵区, the city core, whose key schools are city-run (常德市…). */
function addWulingCore(b: SchoolBuilder, plan: CountyPlan, streets: string[]): void {
  b.add(plan, 'CITY_FLAGSHIP', '常德市第一中学', null);
  // 武陵区 has no 县中 of its own; the brief flags 常德市第七中学 as its counterpart.
  b.add(plan, 'COUNTY_HIGH', '常德市第七中学', null, true);
  b.add(plan, 'SENIOR', '常德市第二中学', null);
  b.add(plan, 'VOCATIONAL', '武陵区职业中等专业学校', null);
  if (plan.hasSpecial) b.add(plan, 'SPECIAL', '常德市特殊教育学校', null);
  for (let i = 0; i < plan.urbanPrimaries; i++) b.add(plan, 'URBAN_PRIMARY', `武陵区${streets.shift()}小学`, null);
  for (let i = 0; i < plan.urbanJuniors; i++) b.add(plan, 'URBAN_JUNIOR', `武陵区${streets.shift()}中学`, null);
}

/** County seat: 县中 (第一中学), other seniors, 职专, 特教, urban primaries and juniors. */
function addCountySeat(b: SchoolBuilder, plan: CountyPlan): void {
  const n = plan.name;
  let ordinal = 1;
  b.add(plan, 'COUNTY_HIGH', `${n}第${chineseNumber(ordinal++)}中学`, null, true);
  for (let i = 0; i < plan.extraSeniors; i++) b.add(plan, 'SENIOR', `${n}第${chineseNumber(ordinal++)}中学`, null);
  b.add(plan, 'VOCATIONAL', `${n}职业中等专业学校`, null);
  if (plan.hasSpecial) b.add(plan, 'SPECIAL', `${n}特殊教育学校`, null);
  b.add(plan, 'URBAN_PRIMARY', `${n}实验小学`, null);
  for (let i = 1; i < plan.urbanPrimaries; i++) b.add(plan, 'URBAN_PRIMARY', `${n}第${chineseNumber(i)}完全小学`, null);
  b.add(plan, 'URBAN_JUNIOR', `${n}实验中学`, null);
  // Junior 中学 ordinals continue after the seniors, as county numbering usually does.
  for (let i = 1; i < plan.urbanJuniors; i++)
    b.add(plan, 'URBAN_JUNIOR', `${n}第${chineseNumber(ordinal++)}中学`, null);
}

/**
 * Towns usually get a 中心小学 and a 中学, but some have merged them into a
 * 九年一贯制学校 (typical after rural school consolidation); 乡 get either a
 * 九年一贯制学校 or a small 中心小学 + 中学. Every county gets at least one
 * 九年一贯制学校: the first 乡, or the last town if it has no 乡.
 */
function addTownsAndTownships(b: SchoolBuilder, rng: Rng, plan: CountyPlan): void {
  const n = plan.name;
  plan.towns.forEach((town, i) => {
    const nineYear = (plan.townships.length === 0 && i === plan.towns.length - 1) || rng.chance(0.15);
    if (nineYear) {
      b.add(plan, 'TOWN_NINE_YEAR', `${n}${town}九年一贯制学校`, town);
      return;
    }
    b.add(plan, 'TOWN_CENTRAL_PRIMARY', `${n}${town}中心小学`, town);
    b.add(plan, 'TOWN_JUNIOR', `${n}${town}中学`, town);
  });
  plan.townships.forEach((township, i) => {
    if (i === 0 || rng.chance(0.5)) {
      b.add(plan, 'RURAL_NINE_YEAR', `${n}${township}九年一贯制学校`, township);
    } else {
      b.add(plan, 'RURAL_CENTRAL_PRIMARY', `${n}${township}中心小学`, township);
      b.add(plan, 'RURAL_JUNIOR', `${n}${township}中学`, township);
    }
  });
}

/**
 * Every county keeps at least this many village schools, so town-centred
 * 共同体 always have rural schools to take in.
 */
const MIN_VILLAGE_SCHOOLS = 3;

/**
 * Top the county up to its target with the schools that make up the long tail:
 * village 完全小学, a second town primary, the odd 教学点, and (in the city core)
 * more urban primaries.
 */
function addFillerSchools(b: SchoolBuilder, rng: Rng, plan: CountyPlan, target: number, streets: string[]): void {
  const county = () => b.all().filter((s) => s.countyCode === plan.code);
  const villageCount = () => county().filter((s) => s.kind === 'VILLAGE_PRIMARY' || s.kind === 'TEACHING_POINT').length;
  const places = [...plan.towns, ...plan.townships];
  let urbanPrimaryNo = plan.urbanPrimaries;
  let guard = 0;
  while ((county().length < target || villageCount() < MIN_VILLAGE_SCHOOLS) && guard++ < 1000) {
    const needVillage = villageCount() < MIN_VILLAGE_SCHOOLS;
    if (!needVillage && rng.chance(plan.urbanFillShare)) {
      if (plan.code === WULING && streets.length > 0) {
        b.add(plan, 'URBAN_PRIMARY', `武陵区${streets.shift()}小学`, null);
      } else if (plan.code !== WULING) {
        b.add(plan, 'URBAN_PRIMARY', `${plan.name}第${chineseNumber(urbanPrimaryNo++)}完全小学`, null);
      }
      continue;
    }
    const place = rng.pick(places);
    const roll = rng.float();
    if (!needVillage && roll < 0.22 && plan.towns.includes(place)) {
      const name = `${plan.name}${place}第二完全小学`;
      if (!b.has(name)) {
        b.add(plan, 'TOWN_PRIMARY', name, place);
        continue;
      }
    }
    const village = rng.pick(VILLAGE_NAMES);
    const pointName = `${plan.name}${place}${village}村教学点`;
    const schoolName = `${plan.name}${place}${village}小学`;
    if (b.has(pointName) || b.has(schoolName)) continue;
    if (roll > 0.8) b.add(plan, 'TEACHING_POINT', pointName, place);
    else b.add(plan, 'VILLAGE_PRIMARY', schoolName, place);
  }
}

export function generateSchools(rng: Rng): SchoolDraft[] {
  const b = new SchoolBuilder(rng);
  for (const plan of COUNTY_PLANS) {
    const streets = plan.code === WULING ? rng.shuffled(WULING_STREETS) : [];
    if (plan.code === WULING) addWulingCore(b, plan, streets);
    else addCountySeat(b, plan);
    addTownsAndTownships(b, rng, plan);
    // ±1 so the exact school count varies a little by seed while staying in range.
    addFillerSchools(b, rng, plan, plan.targetSchools + rng.int(-1, 1), streets);
  }
  return b.all();
}
