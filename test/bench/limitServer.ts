// The limit: one hand-written SQL statement producing the whole nested page as JSON, behind a
// bare node:http handler and postgres.js. Nothing else is this fast; it is the reference.
import { createServer } from 'node:http';
import postgres from 'postgres';

const sql = postgres(process.env.DATABASE_URL!, { max: 10, onnotice: () => {} });
const port = Number(process.env.PORT);

createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const variables = { city: '', schools: 1, teachers: 1, ...JSON.parse(Buffer.concat(chunks).toString() || '{}').variables };
  const [row] = await sql`
    select json_build_object('data', json_build_object('regions', json_build_object('nodes', coalesce(json_agg(c order by c.code), '[]')))) as body
    from (
      select r.code, r.name, json_build_object('nodes', coalesce((
        select json_agg(s order by s.code) from (
          select s.code, s.name, json_build_object('nodes', coalesce((
            select json_agg(json_build_object('name', t.name, 'backboneLevel', t."backboneLevel", 'activeExchangeCount', t."activeExchangeCount") order by t.name, t.id) from (
              select t.id, t.name, t.backbone_level as "backboneLevel",
                (select count(*)::int from exchange_assignments e where e.teacher_id = t.id and e.status = 'ACTIVE') as "activeExchangeCount"
              from teachers t
              where t.school_id = s.id order by t.name, t.id limit ${variables.teachers}
            ) t), '[]')) as teachers
          from schools s where s.county_code = r.code order by s.code limit ${variables.schools}
        ) s), '[]')) as schools
      from regions r where r.parent_code = ${variables.city} order by r.code
    ) c`;
  const text = JSON.stringify(row.body);
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(text);
}).listen(port, '127.0.0.1', () => console.log(`limit ready on ${port}`));
