import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EdugovClient } from '../../sdk/src/index.js';
import { DEMO, startTestServer, token, type TestServer } from '../harness.js';

/**
 * The SQL the key reads and the bulk upsert send, snapshotted beside their statement counts
 * (test/platform/__sql__/*.sql), so that a change in the shape of the SQL — a new join, a lost batch, a
 * statement per row — shows in review as a diff of these files. Parameters are not part of
 * the text (they are bound), so the snapshots do not depend on the demo data's values.
 * After an intended change: `npx vitest run test/platform/sqlShape.test.ts -u` and review the diff.
 */
let s: TestServer;
let city: EdugovClient;

beforeAll(async () => {
  s = await startTestServer();
  city = s.client(await token({ role: 'CITY_ADMIN', regionCode: DEMO.city }));
});
afterAll(() => s?.close());

/** Runs `call` and returns the statements it caused, as one reviewable text. */
async function sqlOf(call: () => Promise<unknown>): Promise<string> {
  const log = s.db.database.statements;
  const before = log.count;
  await call();
  const n = log.count - before;
  const text = log.log.slice(-n).map((q) => `${q.trim()};`);
  return `-- ${n} statement${n === 1 ? '' : 's'}\n\n${text.join('\n\n')}\n`;
}

describe('SQL shape of the key reads', () => {
  it(
    'the portal page: city → counties → schools → teachers (one read, one record of the ' + 'personal-data read)',
    async () => {
      const sql = await sqlOf(() => city.countySchoolsTeachers({ regionCode: DEMO.city, schools: 5, teachers: 5 }));
      expect(sql).toContain('insert into "personal_data_reads"');
      await expect(sql).toMatchFileSnapshot('__sql__/countySchoolsTeachers.sql');
    },
  );

  it('a county’s schools, first 20, with totalCount', async () => {
    const sql = await sqlOf(() => city.schools({ filter: { regionCode: DEMO.anxiang }, first: 20 }));
    await expect(sql).toMatchFileSnapshot('__sql__/schools.sql');
  });

  it('teachers, first 20', async () => {
    const sql = await sqlOf(() => city.teachers({ filter: { regionCode: DEMO.anxiang }, first: 20 }));
    await expect(sql).toMatchFileSnapshot('__sql__/teachers.sql');
  });

  it('the published responsibility matrix', async () => {
    const { currentResponsibilityList } = await city.currentResponsibilityList({ regionCode: DEMO.city });
    const sql = await sqlOf(() => city.responsibilityMatrix({ id: currentResponsibilityList!.id }));
    await expect(sql).toMatchFileSnapshot('__sql__/responsibilityMatrix.sql');
  });

  it('a school profile', async () => {
    const { schools } = await city.schools({ filter: { regionCode: DEMO.anxiang }, first: 1 });
    const sql = await sqlOf(() => city.schoolProfile({ code: schools.nodes[0].code }));
    await expect(sql).toMatchFileSnapshot('__sql__/schoolProfile.sql');
  });
});

describe('SQL shape of the bulk upsert', () => {
  it('upsertTeachers: one update and one new teacher', async () => {
    const { teachers } = await city.teachers({ filter: { regionCode: DEMO.anxiang }, first: 1 });
    const t = teachers.nodes[0];
    const { schools } = await city.schools({ filter: { regionCode: DEMO.anxiang }, first: 1 });
    const sql = await sqlOf(async () => {
      const { upsertTeachers } = await city.upsertTeachers({
        input: {
          rows: [
            {
              staffNo: t.staffNo,
              name: t.name,
              gender: t.gender,
              qualification: t.qualification,
              schoolCode: t.school.code,
              subjects: ['地理'],
            },
            {
              staffNo: 'T4307219999001',
              name: '周晓岚',
              gender: 'FEMALE',
              qualification: 'BACHELOR',
              schoolCode: schools.nodes[0].code,
              subjects: ['数学'],
            },
          ],
        },
      });
      expect(upsertTeachers.errors).toEqual([]);
      expect([upsertTeachers.created, upsertTeachers.updated]).toEqual([1, 1]);
    });
    await expect(sql).toMatchFileSnapshot('__sql__/upsertTeachers.sql');
  });
});
