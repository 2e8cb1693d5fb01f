// The limit: one hand-written SQL statement per answer (the JSON built in PostgreSQL), behind a
// bare node:http handler and postgres.js. Nothing else is this fast; it is the reference.
// The request body names the answer: `{ op, variables }` (no op: the heavy nested page).
import { createServer } from 'node:http';
import postgres from 'postgres';

const sql = postgres(process.env.DATABASE_URL!, { max: 10, onnotice: () => {} });
const port = Number(process.env.PORT);

type Vars = Record<string, any>;
const data = (name: string, value: postgres.PendingQuery<postgres.Row[]>) =>
  sql`select json_build_object('data', json_build_object(${name}::text, (${value}))) as body`;

const OPS: Record<string, (v: Vars) => Promise<postgres.Row[]>> = {
  nested: (variables) => {
    const v = { city: '', schools: 1, teachers: 1, ...variables };
    return sql`
    select json_build_object('data', json_build_object('regions', json_build_object('nodes', coalesce(json_agg(c order by c.code), '[]')))) as body
    from (
      select r.code, r.name, json_build_object('nodes', coalesce((
        select json_agg(s order by s.code) from (
          select s.code, s.name, json_build_object('nodes', coalesce((
            select json_agg(json_build_object('name', t.name, 'backboneLevel', t."backboneLevel", 'activeExchangeCount', t."activeExchangeCount") order by t.name, t.id) from (
              select t.id, t.name, t.backbone_level as "backboneLevel",
                (select count(*)::int from exchange_assignments e where e.teacher_id = t.id and e.status = 'ACTIVE') as "activeExchangeCount"
              from teachers t
              where t.school_id = s.id order by t.name, t.id limit ${v.teachers}
            ) t), '[]')) as teachers
          from schools s where s.county_code = r.code order by s.code limit ${v.schools}
        ) s), '[]')) as schools
      from regions r where r.parent_code = ${v.city} order by r.code
    ) c`;
  },
  light: (v) =>
    data(
      'regions',
      sql`select json_build_object('nodes', coalesce(json_agg(json_build_object('code', r.code, 'name', r.name, 'schools', json_build_object('nodes', coalesce((
        select json_agg(json_build_object('code', s.code, 'name', s.name) order by s.code) from (select code, name from schools where county_code = r.code order by code limit 2) s), '[]'))) order by r.code), '[]'))
      from regions r where r.parent_code = ${v.c} and r.level = 'COUNTY'`,
    ),
  region: (v) =>
    data(
      'region',
      sql`select json_build_object('code', r.code, 'name', r.name, 'level', r.level, 'parent', (select json_build_object('code', p.code, 'name', p.name) from regions p where p.code = r.parent_code))
      from regions r where r.code = ${v.c}`,
    ),
  counties: (v) =>
    data(
      'regions',
      sql`select json_build_object('nodes', coalesce(json_agg(json_build_object('code', r.code, 'name', r.name, 'schoolCount', (select count(*)::int from schools s where s.county_code = r.code)) order by r.code), '[]'))
      from regions r where r.parent_code = ${v.c} and r.level = 'COUNTY'`,
    ),
  school: (v) =>
    data(
      'school',
      sql`select json_build_object('code', s.code, 'name', s.name, 'stage', s.stage, 'locality', s.locality, 'enrolment', s.enrolment, 'staffCount', s.staff_count,
        'teacherCount', (select count(*)::int from teachers t where t.school_id = s.id), 'county', (select json_build_object('code', r.code, 'name', r.name) from regions r where r.code = s.county_code))
      from schools s where s.code = ${v.s}`,
    ),
  countySchools: (v) =>
    data(
      'schools',
      sql`select json_build_object('totalCount', (select count(*)::int from schools where county_code = ${v.c}), 'nodes', coalesce(json_agg(json_build_object('code', s.code, 'name', s.name, 'stage', s.stage, 'enrolment', s.enrolment) order by s.code), '[]'))
      from (select * from schools where county_code = ${v.c} order by code limit 20) s`,
    ),
  schoolTeachers: (v) =>
    data(
      'teachers',
      sql`select json_build_object('totalCount', (select count(*)::int from teachers t join schools s on s.id = t.school_id where s.code = ${v.s}),
        'nodes', coalesce(json_agg(json_build_object('staffNo', t.staff_no, 'name', t.name, 'gender', t.gender, 'title', t.title, 'backboneLevel', t.backbone_level) order by t.staff_no), '[]'))
      from (select t.* from teachers t join schools s on s.id = t.school_id where s.code = ${v.s} order by t.staff_no limit 20) t`,
    ),
  teacher: (v) =>
    data(
      'teacher',
      sql`select json_build_object('staffNo', t.staff_no, 'name', t.name, 'gender', t.gender, 'title', t.title, 'backboneLevel', t.backbone_level, 'yearsAtSchool', t.years_at_school,
        'subjects', t.subjects, 'school', json_build_object('code', s.code, 'name', s.name))
      from teachers t join schools s on s.id = t.school_id where t.staff_no = ${v.t}`,
    ),
  backbone: (v) =>
    data(
      'teachers',
      sql`select json_build_object('totalCount', (select count(*)::int from teachers where county_code = ${v.c} and backbone_level = 'CITY'),
        'nodes', coalesce(json_agg(json_build_object('staffNo', t.staff_no, 'name', t.name, 'title', t.title, 'school', json_build_object('code', s.code, 'name', s.name)) order by t.staff_no), '[]'))
      from (select * from teachers where county_code = ${v.c} and backbone_level = 'CITY' order by staff_no limit 20) t join schools s on s.id = t.school_id`,
    ),
  matrix: (v) => {
    const roles = (level: string) =>
      sql`coalesce((select json_agg(a.role order by a.role) from responsibility_assignments a where a.item_id = i.id and a.level = ${level}), '[]')`;
    return data(
      'currentResponsibilityList',
      sql`select json_build_object('id', l.id::text, 'version', l.year || '-' || l.sequence, 'title', l.title, 'matrix', json_build_object('levels', json_build_array('CITY', 'COUNTY', 'SCHOOL'), 'rows', coalesce((
          select json_agg(json_build_object('key', i.key, 'domain', i.domain, 'title', i.title, 'city', ${roles('CITY')}, 'county', ${roles('COUNTY')}, 'school', ${roles('SCHOOL')},
            'lead', (select case when count(*) = 1 then min(a.level::text) end from responsibility_assignments a where a.item_id = i.id and a.role = 'LEAD')) order by i.position, i.id)
          from responsibility_items i where i.list_id = l.id), '[]')))
        from responsibility_lists l where l.region_code = ${v.r} and l.status = 'PUBLISHED'`,
    );
  },
  // The write: the row and its audit event in one transaction.
  propose: (v) =>
    sql.begin(async (tx) => {
      const [row] =
        await tx`insert into exchange_assignments (teacher_id, kind, status, source_school_id, source_county_code, target_school_id, target_county_code,
          start_date, end_date, reason, years_at_school_at_proposal, backbone_level_at_proposal, eligible_at_proposal, approval_level, proposed_by)
        values (${v.teacherId}, ${v.kind}, ${v.status}, ${v.sourceSchoolId}, ${v.sourceCountyCode}, ${v.targetSchoolId}, ${v.targetCountyCode},
          ${v.startDate}, ${v.endDate}, ${v.reason}, ${v.yearsAtSchoolAtProposal}, ${v.backboneLevelAtProposal}, ${v.eligibleAtProposal}, ${v.approvalLevel}, ${v.proposedBy})
        returning id, status`;
      await tx`insert into audit_events (actor, actor_role, action, entity_type, entity_key, region_code, after)
        values ('bench', 'CITY_ADMIN', 'CREATE', 'ExchangeAssignment', ${String(row.id)}, ${v.sourceCountyCode}, ${sql.json(v)})`;
      return [
        {
          body: {
            data: { proposeExchange: { exchangeAssignment: { id: String(row.id), status: row.status }, errors: [] } },
          },
        },
      ];
    }),
};

createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const { op = 'nested', variables = {} } = JSON.parse(Buffer.concat(chunks).toString() || '{}');
  const answer = OPS[op];
  if (!answer) {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    return;
  }
  try {
    const [row] = await answer(variables);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(row.body));
  } catch (e) {
    res.writeHead(500, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ errors: [{ message: String(e) }] }));
  }
}).listen(port, '127.0.0.1', () => console.log(`limit ready on ${port}`));
