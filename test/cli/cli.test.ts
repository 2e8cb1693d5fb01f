import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { eq, inArray, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../schema/domains/audit/table.js';
import {
  regions as regionsTable,
  schools as schoolsTable,
  teachers as teachersTable,
} from '../../schema/domains/organisation/table.js';
import { fromCsvCell, toCsvCell, unguardCell } from '../../server/cli/transfer/kinds.js';
import { createTestDb, startTestServer, token, type TestServer } from '../harness.js';
import { graphql } from '../graphql/index.js';
import type { SchoolRowInput, TeacherRowInput } from '../graphql/graphql.js';
import { cli } from './runner.js';

const dir = mkdtempSync(join(tmpdir(), 'edugov-cli-'));

let source: TestServer;
let target: TestServer;
let admin: string;
const file = (name: string) => join(dir, name);
const KINDS = [
  ['regions', 'csv'],
  ['schools', 'csv'],
  ['teachers', 'jsonl'],
  ['consortia', 'csv'],
  ['establishments', 'csv'],
  ['admissions', 'csv'],
] as const;

beforeAll(async () => {
  [source, target] = await Promise.all([
    startTestServer(),
    startTestServer({ db: await createTestDb({ seed: false }) }),
  ]);
  // A province-level city admin covers every code under 43…, the province record included.
  admin = await token({ role: 'CITY_ADMIN', regionCode: '430000' });
});
afterAll(async () => {
  await Promise.all([source?.close(), target?.close()]);
});

describe('edugov export / import round trip', () => {
  it('export → import into an empty database → export again gives the same content', async () => {
    for (const [kind, format] of KINDS) {
      const r = await cli([
        'export',
        '--kind',
        kind,
        '--format',
        format,
        '--out',
        file(`a.${kind}.${format}`),
        '--url',
        source.url,
        '--token',
        admin,
      ]);
      expect(r.stderr).toMatch(new RegExp(`exported \\d+ ${kind}`));
      expect(r.code).toBe(0);
    }
    for (const [kind, format] of KINDS) {
      const r = await cli(['import', file(`a.${kind}.${format}`), '--kind', kind, '--url', target.url], {
        EDUGOV_TOKEN: admin,
      });
      expect(r.stderr).toMatch(/0 failed/);
      expect(r.code).toBe(0);
    }
    for (const [kind, format] of KINDS) {
      await cli([
        'export',
        '--kind',
        kind,
        '--format',
        format,
        '--out',
        file(`b.${kind}.${format}`),
        '--url',
        target.url,
        '--token',
        admin,
      ]);
      const a = readFileSync(file(`a.${kind}.${format}`), 'utf8');
      const b = readFileSync(file(`b.${kind}.${format}`), 'utf8');
      expect(b).toBe(a);
      expect(a.split('\n').length).toBeGreaterThan(kind === 'teachers' ? 5000 : 5);
    }
    const teachers = readFileSync(file('a.teachers.jsonl'), 'utf8').split('\n')[0];
    expect(JSON.parse(teachers)).toMatchObject({ staffNo: expect.any(String), idNumber: expect.stringMatching(/^43/) });
  }, 400_000);

  it('re-running an import is safe: every row comes back unchanged, nothing is audited', async () => {
    const before = await target.db.database.db.$count(auditEvents);
    const r = await cli(['import', file('a.schools.csv'), '--kind', 'schools', '--url', target.url, '--token', admin]);
    expect(r.stderr).toMatch(/imported \d+ rows: 0 created, 0 updated, \d+ unchanged, 0 failed/);
    expect(await target.db.database.db.$count(auditEvents)).toBe(before);
  }, 200_000);

  it('spending reports (支出报告) export and import again unchanged, amounts in 分 kept exactly', async () => {
    const out = file('a.spending-reports.csv');
    const r = await cli([
      'export',
      '--kind',
      'spending-reports',
      '--format',
      'csv',
      '--out',
      out,
      '--url',
      source.url,
      '--token',
      admin,
    ]);
    expect(r.stderr).toMatch(/exported 5 spending-reports/);
    const text = readFileSync(out, 'utf8');
    expect(text.split('\n')[0]).toBe(
      'code,countyCode,schoolCode,year,source,programmeCode,amountFen,purpose,evidenceUrl,spentOn',
    );
    expect(text).toContain('AX-2026-D01,430721,');
    const back = await cli(['import', out, '--kind', 'spending-reports', '--url', source.url, '--token', admin]);
    expect(back.stderr).toMatch(/imported 5 rows: 0 created, 0 updated, 5 unchanged, 0 failed/);
  }, 120_000);

  it('reports every bad row with its line and field, and imports the good ones', async () => {
    writeFileSync(
      file('bad.schools.csv'),
      [
        'code,name,stage,locality,countyCode,enrolment,isCountyHighSchool',
        '2143990001,安乡县导入测试小学,PRIMARY,RURAL,430721,120,false',
        '3143990002,类型码不符小学,PRIMARY,RURAL,430721,100,false',
        '2143990003,人数有误小学,PRIMARY,RURAL,430721,很多,false',
        '2143990004,县不存在小学,PRIMARY,RURAL,430799,10,false',
      ].join('\n'),
    );
    const r = await cli([
      'import',
      file('bad.schools.csv'),
      '--kind',
      'schools',
      '--url',
      target.url,
      '--token',
      admin,
      '--errors',
      file('bad.errors.jsonl'),
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/1 created, 0 updated, 0 unchanged, 3 failed/);
    const problems = readFileSync(file('bad.errors.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .sort((a, b) => a.line - b.line);
    expect(problems.map((p) => [p.line, p.key, p.code, p.field])).toEqual([
      [3, '3143990002', 'VALIDATION', 'code'],
      [4, '2143990003', 'VALIDATION', 'enrolment'],
      [5, '2143990004', 'NOT_FOUND', 'countyCode'],
    ]);
  }, 60_000);

  it('refuses unknown kinds and formats with a clear message', async () => {
    const r = await cli(['export', '--kind', 'pupils', '--url', target.url, '--token', admin]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /--kind must be one of regions, schools, teachers, consortia, establishments, spending-reports, admissions/,
    );
    const noToken = await cli(['export', '--kind', 'teachers', '--url', target.url, '--token', 'not-a-valid-token']);
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toMatch(/401 UNAUTHENTICATED/);
  }, 60_000);
});

describe('edugov sync', () => {
  it('writes the feed as JSON Lines and resumes from its stored cursor', async () => {
    const state = file('sync-state.json');
    const out = file('changes.jsonl');
    const first = await cli(['sync', '--url', target.url, '--token', admin, '--state', state, '--out', out]);
    expect(first.code).toBe(0);
    const total = await target.db.database.db.$count(auditEvents);
    const lines = () => readFileSync(out, 'utf8').trim().split('\n');
    expect(lines()).toHaveLength(total);
    expect(JSON.parse(readFileSync(state, 'utf8')).cursor).toBe(JSON.parse(lines().at(-1)!).cursor);

    const again = await cli(['sync', '--url', target.url, '--token', admin, '--state', state, '--out', out]);
    expect(again.stderr).toMatch(/synced 0 events/);

    writeFileSync(file('one.regions.jsonl'), `${JSON.stringify({ code: '430799', name: '同步测试县' })}\n`);
    await cli(['import', file('one.regions.jsonl'), '--kind', 'regions', '--url', target.url, '--token', admin]);
    const third = await cli(['sync', '--url', target.url, '--token', admin, '--state', state, '--out', out]);
    expect(third.stderr).toMatch(/synced 1 events/);
    expect(JSON.parse(lines().at(-1)!)).toMatchObject({ action: 'CREATE', entityType: 'Region', entityKey: '430799' });
    expect(new Set(lines().map((l) => JSON.parse(l).cursor)).size).toBe(total + 1);
  }, 200_000);
});

describe('CSV export against formula injection (OWASP)', () => {
  const LEADS = /^[=+\-@\t\r＝＋－＠]/;

  it('escapes exactly the formula-leading text cells, and import undoes exactly that', () => {
    const text = { name: 'name', type: 'string' as const };
    const list = { name: 'subjects', type: 'list' as const };
    // Expected cells written out by hand: one apostrophe in front, nothing else touched.
    const cases: [string, string][] = [
      ['=HYPERLINK("http://example.com","点击")', `'=HYPERLINK("http://example.com","点击")`],
      ['+86 13800000000', `'+86 13800000000`],
      ['-1+2', `'-1+2`],
      ['@SUM(A1:A9)', `'@SUM(A1:A9)`],
      ['\t=1+1', `'\t=1+1`],
      ['\r=1+1', `'\r=1+1`],
      ['＝1+1', `'＝1+1`],
      ['＋1', `'＋1`],
      ['－1', `'－1`],
      ['＠A1', `'＠A1`],
      ["'=1+1", `''=1+1`],
      ["''-1", `'''-1`],
      ["'单撇号开头", "'单撇号开头"],
      ['安乡县第一中学', '安乡县第一中学'],
      ['a=1', 'a=1'],
      ['', ''],
    ];
    for (const [value, cell] of cases) {
      expect(toCsvCell(value), JSON.stringify(value)).toBe(cell);
      expect(unguardCell(cell), JSON.stringify(cell)).toBe(value);
      // The CLI's own reader (it trims cells; the apostrophe keeps a leading tab or CR inside).
      if (value) expect(fromCsvCell(text, cell), JSON.stringify(cell)).toBe(value);
    }
    // Numbers are never formulas; lists are guarded as one cell and split after.
    expect(toCsvCell(-3)).toBe('-3');
    expect(toCsvCell(['=1+1', '语文'])).toBe(`'=1+1;语文`);
    expect(fromCsvCell(list, `'=1+1;语文`)).toEqual(['=1+1', '语文']);
    expect(fromCsvCell(list, `''=1+1;语文`)).toEqual(["'=1+1", '语文']);
  });

  it('an exported CSV holds no formula cell, and the CLI import stores the original values exactly', async () => {
    const names = [
      '=HYPERLINK("http://example.com/x","点击查看")',
      '+1+1安乡',
      '-2+3安乡',
      '@SUM(1,2)',
      '＝1+1安乡',
      '＋86安乡',
      "'=已转义的名称",
      "''@两个撇号",
    ];
    // A county of their own, so the exports hold just these rows.
    const county = '430798';
    const schools = names.map(
      (name, i): SchoolRowInput => ({
        code: `21439980${String(i).padStart(2, '0')}`,
        name,
        stage: 'PRIMARY',
        locality: 'RURAL',
        countyCode: county,
      }),
    );
    const teachers: TeacherRowInput[] = [
      {
        staffNo: 'CSV-INJ-1',
        name: '=1+2',
        gender: 'MALE',
        schoolCode: schools[0].code,
        qualification: 'BACHELOR',
        subjects: ['@SUM(A1)', '－数学', '语文'],
      },
    ];
    const put = await source.gql(
      graphql(`mutation CliCliPutInjection($r: UpsertRegionsInput!, $s: UpsertSchoolsInput!, $t: UpsertTeachersInput!) {
        upsertRegions(input: $r) { errors { code path } } upsertSchools(input: $s) { errors { code path } } upsertTeachers(input: $t) { errors { code path } } }`),
      { r: { rows: [{ code: county, name: '公式测试县' }] }, s: { rows: schools }, t: { rows: teachers } },
      admin,
    );
    expect(put.body.data).toEqual({
      upsertRegions: { errors: [] },
      upsertSchools: { errors: [] },
      upsertTeachers: { errors: [] },
    });

    // The county and its parents in the target, whether or not the tests above copied them there.
    const chain = await source.db.database.db
      .select({ code: regionsTable.code, name: regionsTable.name })
      .from(regionsTable)
      .where(inArray(regionsTable.code, ['430000', '430700', county]));
    expect(
      (
        await target.gql(
          graphql(
            `mutation CliCliCopyRegions($r: UpsertRegionsInput!) { upsertRegions(input: $r) { errors { code } } }`,
          ),
          { r: { rows: chain } },
          admin,
        )
      ).body.data.upsertRegions.errors,
    ).toEqual([]);
    for (const kind of ['schools', 'teachers'] as const) {
      const exported = file(`inj.${kind}.csv`);
      expect(
        (
          await cli([
            'export',
            '--kind',
            kind,
            '--region',
            county,
            '--out',
            exported,
            '--url',
            source.url,
            '--token',
            admin,
          ])
        ).code,
      ).toBe(0);
      const cells: string[][] = parseCsv(readFileSync(exported, 'utf8'));
      expect(cells.flat().filter((c) => LEADS.test(c))).toEqual([]);
      const r = await cli(['import', exported, '--kind', kind, '--url', target.url, '--token', admin]);
      expect(r.stderr).toMatch(/ 0 failed/);
      const again = file(`inj.${kind}.again.csv`);
      await cli(['export', '--kind', kind, '--region', county, '--out', again, '--url', target.url, '--token', admin]);
      expect(readFileSync(again, 'utf8')).toBe(readFileSync(exported, 'utf8'));
      expect(cells).toHaveLength(kind === 'schools' ? names.length + 1 : 2);
    }
    const stored = await target.db.database.db
      .select({ code: schoolsTable.code, name: schoolsTable.name })
      .from(schoolsTable)
      .where(like(schoolsTable.code, '21439980%'))
      .orderBy(schoolsTable.code);
    expect(stored.map((s) => s.name)).toEqual(names);
    const [teacher] = await target.db.database.db
      .select()
      .from(teachersTable)
      .where(eq(teachersTable.staffNo, 'CSV-INJ-1'));
    expect([teacher.name, teacher.subjects]).toEqual(['=1+2', ['@SUM(A1)', '－数学', '语文']]);
  }, 180_000);
});
