/**
 * The light portal reads and the single-row write, each as the same request to edugov, to
 * PostGraphile 5 (its generated schema over the same tables) and to the hand-written limit
 * (limitServer.ts, which answers edugov's JSON). `content` extracts what is compared, so the
 * servers are checked to agree before they are timed.
 */
import postgres from 'postgres';

export type ServerName = 'edugov' | 'postgraphile' | 'limit';

/** Records of the benchmark database the reads and writes name, looked up once. */
export interface Ids {
  city: string;
  county: string;
  schoolCode: string;
  staffNo: string;
  /** The demo data's city (published responsibility list) and a county with balance facts. */
  demoCity: string;
  demoCounty: string;
  balanceYear: number;
}

export interface Request {
  query?: string;
  op?: string;
  variables: Record<string, unknown>;
}

export interface Read {
  name: string;
  description: string;
  edugov(ids: Ids): Request;
  /** A request, or why PostGraphile has no equivalent. */
  postgraphile: ((ids: Ids) => Request) | string;
  /** A request to the limit server, or why there is none. */
  limit: ((ids: Ids) => Request) | string;
  content(data: any, server: ServerName): unknown;
  /** Reads the demo city's records (asked with a token for that city). */
  demo?: boolean;
}

const pg = (server: ServerName) => server === 'postgraphile';

export const LIGHT_PAGE: Read = {
  name: 'light page',
  description: 'city → counties → schools(first: 2) { code name }',
  edugov: (ids) => ({
    query: `query($c: String!) { regions(parentCode: $c, level: COUNTY, first: 100) { nodes { code name schools(first: 2) { nodes { code name } } } } }`,
    variables: { c: ids.city },
  }),
  postgraphile: (ids) => ({
    query: `query($c: String!) { allRegions(condition: { parentCode: $c }, orderBy: CODE_ASC) { nodes { code name schoolsByCountyCode(first: 2, orderBy: CODE_ASC) { nodes { code name } } } } }`,
    variables: { c: ids.city },
  }),
  limit: (ids) => ({ op: 'light', variables: { c: ids.city } }),
  content: (d, s) =>
    (pg(s) ? d.allRegions : d.regions).nodes.map((r: any) => [
      r.code,
      r.name,
      (pg(s) ? r.schoolsByCountyCode : r.schools).nodes.map((x: any) => [x.code, x.name]),
    ]),
};

/** The ten most common portal reads; the first eight have an equivalent in all three servers and make the mix. */
export const READS: Read[] = [
  {
    name: 'region',
    description: 'a county with its parent',
    edugov: (ids) => ({
      query: `query($c: String!) { region(code: $c) { code name level parent { code name } } }`,
      variables: { c: ids.county },
    }),
    postgraphile: (ids) => ({
      query: `query($c: String!) { regionByCode(code: $c) { code name level regionByParentCode { code name } } }`,
      variables: { c: ids.county },
    }),
    limit: (ids) => ({ op: 'region', variables: { c: ids.county } }),
    content: (d, s) => {
      const r = pg(s) ? d.regionByCode : d.region;
      const p = pg(s) ? r.regionByParentCode : r.parent;
      return [r.code, r.name, r.level, p.code, p.name];
    },
  },
  {
    name: 'counties',
    description: "a city's counties with their school counts",
    edugov: (ids) => ({
      query: `query($c: String!) { regions(parentCode: $c, level: COUNTY, first: 100) { nodes { code name schoolCount } } }`,
      variables: { c: ids.city },
    }),
    postgraphile: (ids) => ({
      query: `query($c: String!) { allRegions(condition: { parentCode: $c }, orderBy: CODE_ASC) { nodes { code name schoolsByCountyCode { totalCount } } } }`,
      variables: { c: ids.city },
    }),
    limit: (ids) => ({ op: 'counties', variables: { c: ids.city } }),
    content: (d, s) =>
      (pg(s) ? d.allRegions : d.regions).nodes.map((r: any) => [
        r.code,
        r.name,
        pg(s) ? r.schoolsByCountyCode.totalCount : r.schoolCount,
      ]),
  },
  {
    name: 'school profile',
    description: "a school's profile with its county and teacher count",
    edugov: (ids) => ({
      query: `query($s: String!) { school(code: $s) { code name stage locality enrolment staffCount teacherCount county { code name } } }`,
      variables: { s: ids.schoolCode },
    }),
    postgraphile: (ids) => ({
      query: `query($s: String!) { schoolByCode(code: $s) { code name stage locality enrolment staffCount teachersBySchoolId { totalCount } regionByCountyCode { code name } } }`,
      variables: { s: ids.schoolCode },
    }),
    limit: (ids) => ({ op: 'school', variables: { s: ids.schoolCode } }),
    content: (d, s) => {
      const x = pg(s) ? d.schoolByCode : d.school;
      const c = pg(s) ? x.regionByCountyCode : x.county;
      return [
        x.code,
        x.name,
        x.stage,
        x.locality,
        x.enrolment,
        x.staffCount,
        pg(s) ? x.teachersBySchoolId.totalCount : x.teacherCount,
        c.code,
        c.name,
      ];
    },
  },
  {
    name: 'county schools',
    description: "a county's schools, first 20 by code, with the total",
    edugov: (ids) => ({
      query: `query($c: String!) { schools(filter: { regionCode: $c }, first: 20, orderBy: { field: CODE }) { totalCount nodes { code name stage enrolment } } }`,
      variables: { c: ids.county },
    }),
    postgraphile: (ids) => ({
      query: `query($c: String!) { allSchools(condition: { countyCode: $c }, first: 20, orderBy: CODE_ASC) { totalCount nodes { code name stage enrolment } } }`,
      variables: { c: ids.county },
    }),
    limit: (ids) => ({ op: 'countySchools', variables: { c: ids.county } }),
    content: (d, s) => {
      const x = pg(s) ? d.allSchools : d.schools;
      return [x.totalCount, x.nodes.map((y: any) => [y.code, y.name, y.stage, y.enrolment])];
    },
  },
  {
    name: 'school teachers',
    description: "a school's teachers, first 20 by staff number, with the total",
    edugov: (ids) => ({
      query: `query($s: String!) { teachers(filter: { schoolCode: $s }, first: 20, orderBy: { field: STAFF_NO }) { totalCount nodes { staffNo name gender title backboneLevel } } }`,
      variables: { s: ids.schoolCode },
    }),
    postgraphile: (ids) => ({
      query: `query($s: String!) { schoolByCode(code: $s) { teachersBySchoolId(first: 20, orderBy: STAFF_NO_ASC) { totalCount nodes { staffNo name gender title backboneLevel } } } }`,
      variables: { s: ids.schoolCode },
    }),
    limit: (ids) => ({ op: 'schoolTeachers', variables: { s: ids.schoolCode } }),
    content: (d, s) => {
      const x = pg(s) ? d.schoolByCode.teachersBySchoolId : d.teachers;
      return [x.totalCount, x.nodes.map((y: any) => [y.staffNo, y.name, y.gender, y.title, y.backboneLevel])];
    },
  },
  {
    name: 'teacher profile',
    description: 'one teacher by staff number with the school',
    edugov: (ids) => ({
      query: `query($t: String!) { teacher(staffNo: $t) { staffNo name gender title backboneLevel yearsAtSchool subjects school { code name } } }`,
      variables: { t: ids.staffNo },
    }),
    postgraphile: (ids) => ({
      query: `query($t: String!) { teacherByStaffNo(staffNo: $t) { staffNo name gender title backboneLevel yearsAtSchool subjects schoolBySchoolId { code name } } }`,
      variables: { t: ids.staffNo },
    }),
    limit: (ids) => ({ op: 'teacher', variables: { t: ids.staffNo } }),
    content: (d, s) => {
      const x = pg(s) ? d.teacherByStaffNo : d.teacher;
      const sc = pg(s) ? x.schoolBySchoolId : x.school;
      return [x.staffNo, x.name, x.gender, x.title, x.backboneLevel, x.yearsAtSchool, x.subjects, sc.code, sc.name];
    },
  },
  {
    name: 'county backbone teachers',
    description: "a county's city-level backbone teachers, first 20, with the total",
    edugov: (ids) => ({
      query: `query($c: String!) { teachers(filter: { regionCode: $c, backboneLevel: [CITY] }, first: 20, orderBy: { field: STAFF_NO }) { totalCount nodes { staffNo name title school { code name } } } }`,
      variables: { c: ids.county },
    }),
    postgraphile: (ids) => ({
      query: `query($c: String!) { allTeachers(condition: { countyCode: $c, backboneLevel: CITY }, first: 20, orderBy: STAFF_NO_ASC) { totalCount nodes { staffNo name title schoolBySchoolId { code name } } } }`,
      variables: { c: ids.county },
    }),
    limit: (ids) => ({ op: 'backbone', variables: { c: ids.county } }),
    content: (d, s) => {
      const x = pg(s) ? d.allTeachers : d.teachers;
      return [
        x.totalCount,
        x.nodes.map((y: any) => [y.staffNo, y.name, y.title, (pg(s) ? y.schoolBySchoolId : y.school).code]),
      ];
    },
  },
  LIGHT_PAGE,
  {
    name: 'responsibility matrix',
    description: "the city's published responsibility list as its matrix (items × levels)",
    edugov: (ids) => ({
      query: `query($r: String!) { currentResponsibilityList(regionCode: $r) { id version title matrix { levels rows { key domain title city county school lead } } } }`,
      variables: { r: ids.demoCity },
    }),
    postgraphile:
      'no equivalent: the matrix (who leads each item at each level) is computed by edugov from ' +
      'items and assignments',
    limit: (ids) => ({ op: 'matrix', variables: { r: ids.demoCity } }),
    content: (d) => {
      const l = d.currentResponsibilityList;
      return [l.version, l.title, l.matrix.levels, l.matrix.rows];
    },
    demo: true,
  },
  {
    name: 'balance report',
    description: "a county's balance report (CVs, schools meeting the standard) for a year and stage",
    edugov: (ids) => ({
      query: `query($c: String!, $y: Int!) { balanceReport(countyCode: $c, year: $y, stage: PRIMARY) { compositeCv warning schoolsCounted schoolsMeetingStandard indicators { indicator cv countyValue schoolsMeetingMinimum withinThreshold } schools { school { code name } enrolment indicatorsMet meetsStandard } } }`,
      variables: { c: ids.demoCounty, y: ids.balanceYear },
    }),
    postgraphile: 'no equivalent: the report (coefficients of variation, standards) is computed by edugov',
    limit:
      'not written: the report (coefficients of variation over weighted school values, ' +
      'exclusions, standards) has no short hand-written form',
    content: (d) => d.balanceReport.indicators.length,
    demo: true,
  },
];

/** The reads all three servers answer: the mix, each in turn per connection. */
export const MIX: Read[] = READS.filter((r) => typeof r.postgraphile !== 'string' && typeof r.limit !== 'string');

/** A teacher free to be proposed for an exchange, and the school the proposals name. */
export interface WriteTarget {
  teachers: {
    id: number;
    staffNo: string;
    schoolId: number;
    countyCode: string;
    yearsAtSchool: number;
    backboneLevel: string;
  }[];
  school: { id: number; code: string; countyCode: string };
}

/**
 * Teachers of the county with no exchange yet (not at the target school, at most `limit`), and
 * the target: the county's first school.
 */
export async function writeTarget(url: string, county: string, limit: number): Promise<WriteTarget> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [school] =
      await sql`select id, code, county_code from schools where county_code = ${county} order by id limit 1`;
    const teachers =
      await sql`select t.id, t.staff_no, t.school_id, t.county_code, t.years_at_school, t.backbone_level from teachers t
      where t.county_code = ${county} and t.school_id <> ${school.id} and not exists (select 1 from exchange_assignments e where e.teacher_id = t.id)
      order by t.id limit ${limit}`;
    return {
      school: { id: school.id, code: school.code, countyCode: school.county_code },
      teachers: teachers.map((t) => ({
        id: t.id,
        staffNo: t.staff_no,
        schoolId: t.school_id,
        countyCode: t.county_code,
        yearsAtSchool: t.years_at_school,
        backboneLevel: t.backbone_level,
      })),
    };
  } finally {
    await sql.end();
  }
}

/**
 * The single-row write: proposing a teacher's rotation. edugov runs the whole pipeline
 * (token, permission, input parsing, jurisdiction, overlap check, approval level, audit event,
 * change feed); PostGraphile's generated create mutation inserts the row only; the limit inserts
 * the row and one audit event in one transaction. Request k names teacher k mod n, in a
 * two-year window of its own (each server from its own base year), so no proposal overlaps.
 */
export function writeRequest(server: ServerName, target: WriteTarget, k: number): Request {
  const t = target.teachers[k % target.teachers.length];
  const year = { edugov: 2100, postgraphile: 2500, limit: 2900 }[server] + 2 * Math.floor(k / target.teachers.length);
  const startDate = `${year}-09-01`;
  const endDate = `${year + 1}-07-10`;
  if (server === 'edugov') {
    return {
      query: `mutation($input: ProposeExchangeInput!) { proposeExchange(input: $input) { exchangeAssignment { id status } errors { code message } } }`,
      variables: {
        input: {
          teacherStaffNo: t.staffNo,
          targetSchoolCode: target.school.code,
          kind: 'ROTATION',
          startDate,
          endDate,
          reason: '基准测试',
        },
      },
    };
  }
  const row = {
    teacherId: t.id,
    kind: 'ROTATION',
    status: 'PROPOSED',
    sourceSchoolId: t.schoolId,
    sourceCountyCode: t.countyCode,
    targetSchoolId: target.school.id,
    targetCountyCode: target.school.countyCode,
    startDate,
    endDate,
    reason: '基准测试',
    yearsAtSchoolAtProposal: t.yearsAtSchool,
    backboneLevelAtProposal: t.backboneLevel,
    eligibleAtProposal: t.yearsAtSchool >= 6,
    approvalLevel: 'COUNTY',
    proposedBy: 'bench',
  };
  if (server === 'limit') return { op: 'propose', variables: row };
  return {
    query: `mutation($input: CreateExchangeAssignmentInput!) { createExchangeAssignment(input: $input) { exchangeAssignment { id status } } }`,
    variables: { input: { exchangeAssignment: row } },
  };
}

/** Whether a write's answer reports a failure (GraphQL errors or payload errors). */
export function writeFailed(body: string): boolean {
  try {
    const j = JSON.parse(body);
    if (j.errors?.length || !j.data) return true;
    const payload = Object.values(j.data)[0] as any;
    return !payload || (payload.errors?.length ?? 0) > 0 || !payload.exchangeAssignment;
  } catch {
    return true;
  }
}
