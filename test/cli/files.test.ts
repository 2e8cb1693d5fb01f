import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import writeExcelFile from 'write-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, repoRoot } from './runner.js';
import { startTestServer, token, type TestServer } from '../harness.js';
import { graphql } from '../graphql/index.js';

/**
 * The CLI on the files bureaus really exchange: CSV saved by Excel or WPS on Chinese Windows
 * (GBK/GB18030), UTF-8 with a byte-order mark, .xlsx workbooks, and files with the mistakes
 * clerks make. Every file is written here, byte for byte.
 */
const dir = mkdtempSync(join(tmpdir(), 'edugov-cli-files-'));
const file = (name: string) => join(dir, name);
const HEADER = 'code,name,stage,locality,countyCode,enrolment,isCountyHighSchool';

let server: TestServer;
let admin: string;
beforeAll(async () => {
  server = await startTestServer();
  admin = await token({ role: 'COUNTY_ADMIN', regionCode: '430721' });
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const importArgs = (path: string, ...more: string[]) => [
  'import',
  path,
  '--kind',
  'schools',
  '--url',
  server.url,
  '--token',
  admin,
  ...more,
];
const problemsIn = (path: string) =>
  readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));

async function schoolNames(codes: string[]): Promise<(string | null)[]> {
  const names: (string | null)[] = [];
  for (const code of codes) {
    const r = await server.gql(
      graphql(`query CliFilesSchoolName($c: String!) { school(code: $c) { name } }`),
      { c: code },
      admin,
    );
    // An unknown code is null (or NOT_FOUND): either way, no such school.
    names.push(r.body.data?.school?.name ?? null);
  }
  return names;
}

describe('encodings', () => {
  it('imports a GBK CSV (Excel on Chinese Windows) and a GB18030 one with characters outside ' +
    'GBK, without mojibake', async () => {
    const gbk = [
      HEADER,
      '2143990101,安乡县黄山头镇中心小学,PRIMARY,RURAL,430721,420,否',
      '2143990102,安乡县深柳镇第二小学,PRIMARY,TOWN,430721,860,否',
    ].join('\r\n');
    writeFileSync(file('gbk.csv'), iconv.encode(gbk, 'gbk'));
    const r = await cli(importArgs(file('gbk.csv')));
    expect(r.stderr).toContain('(gb18030)');
    expect(r.stderr).toMatch(/imported 2 rows: 2 created, 0 updated, 0 unchanged, 0 failed/);
    expect(r.code).toBe(0);
    // 䶮 (U+4DAE) is not in GBK: GB18030 encodes it in four bytes.
    writeFileSync(
      file('gb18030.csv'),
      iconv.encode(`${HEADER}\n2143990103,安乡县䶮湖村小学,PRIMARY,RURAL,430721,35,否\n`, 'gb18030'),
    );
    expect((await cli(importArgs(file('gb18030.csv')))).code).toBe(0);
    expect(await schoolNames(['2143990101', '2143990102', '2143990103'])).toEqual([
      '安乡县黄山头镇中心小学',
      '安乡县深柳镇第二小学',
      '安乡县䶮湖村小学',
    ]);
  }, 120_000);

  it('imports UTF-8 with a byte-order mark (Excel\'s "CSV UTF-8"): the first column is still "code"', async () => {
    writeFileSync(
      file('bom.csv'),
      Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from(`${HEADER}\n2143990111,安乡县安障乡中心小学,PRIMARY,RURAL,430721,300,false\n`),
      ]),
    );
    const r = await cli(importArgs(file('bom.csv')));
    expect(r.stderr).toContain('(utf-8 (BOM))');
    expect(r.code).toBe(0);
    expect(await schoolNames(['2143990111'])).toEqual(['安乡县安障乡中心小学']);
  }, 60_000);

  it('refuses a file that is neither UTF-8 nor GB18030, and one holding U+FFFD, storing nothing', async () => {
    // 0x81 followed by a line feed is a broken GB18030 sequence and not UTF-8 either.
    writeFileSync(
      file('broken.csv'),
      Buffer.concat([Buffer.from(`${HEADER}\n2143990121,`), Buffer.from([0x81, 0x0a])]),
    );
    const broken = await cli(importArgs(file('broken.csv')));
    expect(broken.code).toBe(2);
    expect(broken.stderr.split('\n')[0]).toMatch(
      /^edugov: .*broken\.csv is neither UTF-8 nor GBK\/GB18030 text.*; save it as "CSV UTF-8" or pass --encoding NAME/,
    );
    writeFileSync(file('lost.csv'), `${HEADER}\n2143990122,安乡县\uFFFD小学,PRIMARY,RURAL,430721,10,false\n`);
    const lost = await cli(importArgs(file('lost.csv')));
    expect(lost.code).toBe(2);
    expect(lost.stderr).toMatch(/lost\.csv line 2 holds a replacement character \(U\+FFFD\)/);
    expect(await schoolNames(['2143990121', '2143990122'])).toEqual([null, null]);
  }, 60_000);

  it('--encoding forces a charset, and an unknown one is refused', async () => {
    writeFileSync(
      file('forced.csv'),
      iconv.encode(`${HEADER}\n2143990131,安乡县官垱镇中心小学,PRIMARY,RURAL,430721,200,false\n`, 'gbk'),
    );
    const r = await cli(importArgs(file('forced.csv'), '--encoding', 'gbk'));
    expect(r.stderr).toContain('(gbk)');
    expect(r.code).toBe(0);
    expect(await schoolNames(['2143990131'])).toEqual(['安乡县官垱镇中心小学']);
    const bad = await cli(importArgs(file('forced.csv'), '--encoding', 'klingon'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--encoding klingon is not an encoding this tool knows/);
  }, 60_000);
});

describe('.xlsx workbooks', () => {
  it('imports the first sheet: codes typed as numbers keep their digits, problems carry the ' +
    'spreadsheet row', async () => {
    const t = (value: string) => ({ value });
    const n = (value: number) => ({ value });
    const sheet = [
      HEADER.split(',').map(t),
      [n(2143990141), t('安乡县大鲸港镇中心小学'), t('PRIMARY'), t('RURAL'), t('430721'), n(512), { value: false }],
      [t('2143990142'), null, t('PRIMARY'), t('RURAL'), t('430721'), n(80), { value: false }],
      [t('2143990143'), t('安乡县三岔河镇中学'), t('JUNIOR'), t('RURAL'), t('430721'), t('很多'), { value: false }],
    ];
    writeFileSync(file('schools.xlsx'), await writeExcelFile(sheet as never).toBuffer());
    const r = await cli(importArgs(file('schools.xlsx'), '--errors', file('xlsx.errors.jsonl')));
    expect(r.stderr).toMatch(/imported 3 rows: 1 created, 0 updated, 0 unchanged, 2 failed/);
    expect(r.code).toBe(1);
    expect(problemsIn(file('xlsx.errors.jsonl')).map((p) => [p.line, p.key, p.code, p.field])).toEqual([
      [3, '2143990142', 'REQUIRED', 'name'],
      [4, '2143990143', 'VALIDATION', 'enrolment'],
    ]);
    const { body } = await server.gql(
      graphql(`query CliFilesImported { school(code: "2143990141") { name enrolment isCountyHighSchool } }`),
      {},
      admin,
    );
    expect(body.data.school).toEqual({ name: '安乡县大鲸港镇中心小学', enrolment: 512, isCountyHighSchool: false });
  }, 60_000);

  it('refuses a file named .xlsx that is not a workbook', async () => {
    writeFileSync(file('fake.xlsx'), `${HEADER}\n`);
    const r = await cli(importArgs(file('fake.xlsx')));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/fake\.xlsx is not an \.xlsx workbook/);
  }, 60_000);
});

describe('errors a clerk can act on', () => {
  it('reports every problem once, with its line, field, plain words and Chinese, in line order, ' +
    'across batches', async () => {
    writeFileSync(
      file('mistakes.csv'),
      [
        HEADER,
        '2143990151,安乡县陈家嘴镇中心小学,PRIMARY,RURAL,430721,300,false', // 2 good
        '2143990152,,PRIMARY,RURAL,430721,120,false', // 3 name missing
        '2143990153,安乡县安康乡中心小学,PRIMARY,RURAL', // 4 short row
        '3143990154,类型码不符小学,PRIMARY,RURAL,430721,100,false', // 5 server: type code 31 is not PRIMARY
        '2143990151,安乡县陈家嘴镇中心小学（重复）,PRIMARY,RURAL,430721,300,false', // 6 duplicate of line 2, another batch
        '2143990155,人数有误小学,PRIMARY,RURAL,430721,很多,false', // 7 not a number
        '2143990156,学段有误小学,小学,RURAL,430721,50,false', // 8 not a stage
        '2143990157,甲,PRIMARY,RURAL,430721,50,false', // 9 server: name too short
        '2143990158,安乡县下渔口镇中心小学,PRIMARY,RURAL,430721,260,false', // 10 good
      ].join('\n'),
    );
    const r = await cli(importArgs(file('mistakes.csv'), '--batch', '2', '--errors', file('mistakes.errors.jsonl')));
    expect(r.stderr).toMatch(/imported 9 rows: 2 created, 0 updated, 0 unchanged, 7 failed/);
    expect(r.code).toBe(1);
    const problems = problemsIn(file('mistakes.errors.jsonl'));
    expect(problems.map((p) => [p.line, p.key, p.code, p.field])).toEqual([
      [3, '2143990152', 'REQUIRED', 'name'],
      [4, '2143990153', 'VALIDATION', 'countyCode'],
      [5, '3143990154', 'VALIDATION', 'code'],
      [6, '2143990151', 'DUPLICATE', 'code'],
      [7, '2143990155', 'VALIDATION', 'enrolment'],
      [8, '2143990156', 'VALIDATION', 'stage'],
      [9, '2143990157', 'VALIDATION', 'name'],
    ]);
    expect(problems[1].message).toMatch(/has 4 values but the header has 7 columns/);
    expect(problems[3].message).toBe('2143990151 already appears on line 2 of this file; only that line is imported.');
    expect(problems[4].message).toBe('enrolment must be a whole number (got "很多").');
    expect(problems[5].message).toMatch(/^stage must be one of .*PRIMARY.* \(got "小学"\)\.$/);
    expect(problems[6].message).toBe('name: must be at least 2 characters long');
    for (const p of problems) {
      expect(p.messageZh).toMatch(/[\u4e00-\u9fff]/);
      expect(p.message).not.toMatch(/Too small|Too big|Invalid input|expected string|row \d+ of this batch/);
    }
    // The first of the duplicated lines was imported, the second changed nothing.
    expect(await schoolNames(['2143990151', '2143990158', '2143990152'])).toEqual([
      '安乡县陈家嘴镇中心小学',
      '安乡县下渔口镇中心小学',
      null,
    ]);
  }, 120_000);

  it('stops at an unknown column before sending any row, saying so once', async () => {
    writeFileSync(
      file('header.csv'),
      `${HEADER},备注\n2143990161,安乡县焦圻镇中心小学,PRIMARY,RURAL,430721,200,false,新建\n2143990162,安乡县焦圻镇第二小学,PRIMARY,RURAL,430721,100,false,\n`,
    );
    const r = await cli(importArgs(file('header.csv'), '--errors', file('header.errors.jsonl')));
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(
      /header\.csv line 1: unknown column\(s\) "备注"\. Nothing was imported\. The columns of a school row are: code, name,/,
    );
    expect(existsSync(file('header.errors.jsonl'))).toBe(false);
    expect(await schoolNames(['2143990161', '2143990162'])).toEqual([null, null]);
  }, 60_000);

  it('a malformed JSON line is one clear error; the other lines are imported', async () => {
    writeFileSync(
      file('schools.jsonl'),
      [
        JSON.stringify({
          code: '2143990171',
          name: '安乡县黄山头镇第二小学',
          stage: 'PRIMARY',
          locality: 'RURAL',
          countyCode: '430721',
          enrolment: 150,
        }),
        '{"code": "2143990172", "name": "安乡县',
        '["not", "an", "object"]',
        JSON.stringify({
          code: '2143990173',
          name: '安乡县黄山头镇第三小学',
          stage: 'PRIMARY',
          locality: 'RURAL',
          countyCode: '430721',
          enrolment: 90,
        }),
      ].join('\n'),
    );
    const r = await cli(importArgs(file('schools.jsonl'), '--errors', file('jsonl.errors.jsonl')));
    expect(r.stderr).toMatch(/imported 4 rows: 2 created, 0 updated, 0 unchanged, 2 failed/);
    const problems = problemsIn(file('jsonl.errors.jsonl'));
    expect(problems.map((p) => [p.line, p.code, p.field])).toEqual([
      [2, 'VALIDATION', ''],
      [3, 'VALIDATION', ''],
    ]);
    expect(problems[0].message).toMatch(/^This line is not valid JSON \(.+\); each line must be one JSON object/);
    expect(JSON.stringify(problems)).not.toContain('__invalidJson');
  }, 60_000);

  it('--reject-batch counts the valid rows it did not write apart from the failed ones', async () => {
    const row = (code: string, name: string, stage = 'PRIMARY', enrolment = '100') =>
      `${code},${name},${stage},RURAL,430721,${enrolment},false`;
    writeFileSync(
      file('reject.csv'),
      [
        HEADER,
        row('2143990181', '安乡县周家村小学'), // batch 1: written
        row('2143990182', '安乡县李家村小学'),
        row('2143990183', '安乡县王家村小学'), // batch 2: skipped because of the next row
        row('3143990184', '安乡县类型码不符小学'), //          failed on the server
        row('2143990185', '安乡县赵家村小学', 'PRIMARY', '很多'), // batch 3: failed before sending
        row('2143990186', '安乡县钱家村小学'), //                skipped
        row('2143990187', '安乡县孙家村小学'), // batch 4: written
      ].join('\n'),
    );
    const r = await cli(
      importArgs(file('reject.csv'), '--batch', '2', '--reject-batch', '--errors', file('reject.errors.jsonl')),
    );
    expect(r.stderr).toContain('a batch is written only when all its rows are valid (REJECT_BATCH)');
    expect(r.stderr).toMatch(
      /imported 7 rows: 3 created, 0 updated, 0 unchanged, 2 failed, 2 skipped \(valid, not written: their batch was rejected\)/,
    );
    expect(r.code).toBe(1);
    expect(problemsIn(file('reject.errors.jsonl')).map((p) => [p.line, p.code])).toEqual([
      [4, 'SKIPPED'],
      [5, 'VALIDATION'],
      [6, 'VALIDATION'],
      [7, 'SKIPPED'],
    ]);
    expect(await schoolNames(['2143990181', '2143990183', '2143990186', '2143990187'])).toEqual([
      '安乡县周家村小学',
      null,
      null,
      '安乡县孙家村小学',
    ]);
  }, 60_000);

  it("says at the start that the CLI's error policy differs from the API's", async () => {
    writeFileSync(file('one.csv'), `${HEADER}\n2143990191,安乡县新民村小学,PRIMARY,RURAL,430721,60,false\n`);
    const r = await cli(importArgs(file('one.csv')));
    expect(r.stderr.split('\n')[0]).toBe(
      `importing 1 rows from ${file('one.csv')} (utf-8); rows with problems are reported and the valid rows are written (APPLY_VALID, unlike the API's default REJECT_BATCH; --reject-batch writes a batch only when all its rows are valid)`,
    );
  }, 60_000);
});

describe('where the CLI runs and what it talks to', () => {
  it('npm run edugov and npx edugov from a subfolder read and write files where the user is', async () => {
    const sub = join(repoRoot, 'test', `.tmp-cli-${process.pid}`);
    mkdirSync(sub, { recursive: true });
    try {
      writeFileSync(
        join(sub, 'here.csv'),
        `${HEADER}\n2143990201,安乡县大湖口镇中心小学,PRIMARY,RURAL,430721,330,false\n`,
      );
      const viaNpm = await cli(importArgs('here.csv'), {}, { cwd: sub, command: ['npm', 'run', '-s', 'edugov', '--'] });
      expect(viaNpm.stderr).toMatch(/1 created/);
      expect(existsSync(join(sub, 'here.csv.errors.jsonl'))).toBe(true);
      const viaNpx = await cli(
        [
          'export',
          '--kind',
          'schools',
          '--out',
          'export.csv',
          '--region',
          '430721',
          '--url',
          server.url,
          '--token',
          admin,
        ],
        {},
        { cwd: sub, command: ['npx', 'edugov'] },
      );
      expect(viaNpx.code).toBe(0);
      expect(readFileSync(join(sub, 'export.csv'), 'utf8')).toContain('2143990201,安乡县大湖口镇中心小学');
    } finally {
      rmSync(sub, { recursive: true, force: true });
    }
  }, 120_000);

  it('a network failure names the URL that failed', async () => {
    const closed = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const { port } = s.address() as { port: number };
        s.close(() => resolve(port));
      });
    });
    const url = `http://127.0.0.1:${closed}/graphql`;
    const r = await cli(['export', '--kind', 'schools', '--url', url, '--token', admin]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      `edugov: cannot reach ${url} (connection refused); check that the server runs there, or pass --url / set EDUGOV_URL`,
    );
  }, 60_000);

  it('export without a token says so and fails when nothing was visible; public data still exports', async () => {
    const env = { EDUGOV_TOKEN: '' };
    const teachers = await cli(['export', '--kind', 'teachers', '--url', server.url, '--out', file('anon.csv')], env);
    expect(teachers.code).toBe(1);
    expect(teachers.stderr).toMatch(
      /^exported 0 teachers: without a token \(--token or EDUGOV_TOKEN\) only public data can be read/,
    );
    const schools = await cli(
      ['export', '--kind', 'schools', '--url', server.url, '--region', '430721', '--out', file('anon-schools.csv')],
      env,
    );
    expect(schools.code).toBe(0);
    expect(schools.stderr).toMatch(/exported [1-9]\d* schools/);
  }, 60_000);
});
