import pino from 'pino';
import postgres from 'postgres';
import { migrateDatabase, openDatabase } from '../../server/db.js';
import { seedDemoDataIfEmpty } from '../../server/seed/index.js';

export interface BenchSize {
  counties: number;
  schools: number;
  teachers: number;
}

export const FULL: BenchSize = { counties: 10, schools: 3000, teachers: 100_000 };
export const SMOKE: BenchSize = { counties: 3, schools: 60, teachers: 1200 };

/**
 * Creates `edugov_bench_<stamp>` on the local PostgreSQL with the edugov schema and a
 * deterministic data set (one city 439900 with N counties, schools spread evenly, teachers
 * spread evenly over schools), generated inside PostgreSQL so loading takes seconds. The demo
 * data (city 430700) is loaded first, through the services, for the reads whose records only it
 * has (the published responsibility list, the balance report); the generated city is apart from it.
 */
export async function createBenchDatabase(adminUrl: string, size: BenchSize, opts: { demo?: boolean } = {}) {
  const name = `edugov_bench_${Date.now().toString(36)}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    await fill(url.toString(), size, opts.demo ?? true);
  } catch (e) {
    await dropDatabase(adminUrl, name);
    throw e;
  }
  return { name, url: url.toString(), drop: () => dropDatabase(adminUrl, name) };
}

async function dropDatabase(adminUrl: string, name: string) {
  const a = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await a.unsafe(`drop database if exists ${name} with (force)`);
  await a.end();
}

async function fill(url: string, size: BenchSize, demo: boolean) {
  const database = await openDatabase({ url, poolSize: 2 });
  await migrateDatabase(database);
  if (demo) await seedDemoDataIfEmpty(database, pino({ level: 'silent' }));
  await database.close();

  const sql = postgres(url, { max: 1, onnotice: () => {} });
  await sql.begin(async (tx) => {
    await tx`insert into regions (code, name, level) values ('430000', '湖南省', 'PROVINCE') on conflict do nothing`;
    await tx`insert into regions (code, name, level, parent_code) values ('439900', '基准市', 'CITY', '430000')`;
    await tx`insert into regions (code, name, level, parent_code)
      select '4399' || lpad(i::text, 2, '0'), '基准县' || i, 'COUNTY', '439900' from generate_series(1, ${size.counties}) i`;
    await tx`insert into schools (code, name, stage, locality, county_code, enrolment, staff_count)
      select '2199' || lpad(i::text, 6, '0'), '基准第' || i || '小学', 'PRIMARY',
        (array['URBAN','TOWN','RURAL'])[1 + i % 3]::locality,
        '4399' || lpad((1 + i % ${size.counties})::text, 2, '0'), 200 + (i * 37) % 2000, 20 + i % 80
      from generate_series(1, ${size.schools}) i`;
    await tx`insert into teachers (staff_no, name, gender, school_id, county_code, subjects, title, backbone_level, years_at_school, qualification)
      select 'B' || lpad(i::text, 7, '0'),
        (array['王','李','张','刘','陈','杨','黄','赵','周','吴'])[1 + i % 10] || (array['芳','伟','娜','敏','静','磊','洋','艳','勇','军','杰','娟'])[1 + (i / 10) % 12] || (array['','华','明','红','丽','强'])[1 + (i / 120) % 6],
        (array['FEMALE','MALE'])[1 + i % 2]::gender,
        s.id, s.county_code, array['数学'], 'FIRST_GRADE',
        (case when i % 50 = 0 then 'CITY' when i % 12 = 0 then 'COUNTY' else 'NONE' end)::backbone_level,
        i % 20, 'BACHELOR'
      from generate_series(1, ${size.teachers}) i
      join schools s on s.code = '2199' || lpad((1 + i % ${size.schools})::text, 6, '0')`;
    // Exchanges at matching scale: one teacher in 20 has a rotation, half of them active now.
    await tx`insert into exchange_assignments (teacher_id, kind, status, source_school_id, source_county_code, target_school_id,
        target_county_code, start_date, end_date, reason, years_at_school_at_proposal, backbone_level_at_proposal,
        eligible_at_proposal, approval_level, proposed_by)
      select t.id, 'ROTATION', (case when t.id % 40 = 0 then 'ACTIVE' else 'COMPLETED' end)::exchange_status,
        t.school_id, t.county_code, s2.id, s2.county_code,
        (case when t.id % 40 = 0 then date '2026-09-01' else date '2024-09-01' end),
        (case when t.id % 40 = 0 then date '2027-08-31' else date '2025-08-31' end),
        '基准交流', t.years_at_school, t.backbone_level, t.years_at_school >= 6, 'COUNTY', 'bench'
      from teachers t
      join schools s2 on s2.id = (select min(id) from schools where county_code = t.county_code and id <> t.school_id)
      where t.id % 20 = 0 and t.county_code like '4399%'`;
  });
  // PostGraphile only offers conditions on indexed columns unless told otherwise; the portal
  // page filters exchanges by status, so allow it (the same query edugov answers).
  await sql.unsafe(`comment on column exchange_assignments.status is E'@behavior +filterBy'`);
  await sql.unsafe(`comment on column teachers.backbone_level is E'@behavior +filterBy'`);
  await sql`analyze`;
  await sql.end();
}
