import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, present, startTestServer, token, type TestServer } from '../harness.js';
import { graphql } from '../graphql/index.js';
import { cli } from '../cli/runner.js';

/**
 * Exports of supervision records: the printable and CSV 通报 served by the server (same
 * authentication and read rule as the API) and the CLI's export-only kinds.
 */
const dir = mkdtempSync(join(tmpdir(), 'edugov-supervision-'));
let server: TestServer;
let octId: string;
const PERIODS = graphql(
  `query SupervisionExportsPeriods { reportingPeriods(regionCode: "430700", first: 5) { nodes { id label } } }`,
);
const origin = () => server.url.replace(/\/graphql$/, '');

beforeAll(async () => {
  server = await startTestServer();
  const portal = await token({ role: 'PORTAL', regionCode: DEMO.city });
  const { body } = await server.gql(PERIODS, {}, portal);
  octId = present(body.data.reportingPeriods.nodes.find((p) => p.label === '2026年10月')).id;
});
afterAll(() => server.close());

const get = async (path: string, bearer?: string) => {
  const res = await fetch(`${origin()}${path}`, { headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
};

describe('bulletin (通报) exports', () => {
  it('serves the October bulletin as CSV with the hand-counted county rows', async () => {
    const portal = await token({ role: 'PORTAL', regionCode: DEMO.city });
    const r = await get(`/bulletins/${encodeURIComponent(octId)}.csv`, portal);
    expect(r.status).toBe(200);
    expect(r.type).toMatch(/text\/csv/);
    const rows = parseCsv(r.text.replace(/^\uFEFF/, '')) as string[][];
    expect(rows[0].slice(0, 6)).toEqual(['区县代码', '区县', '地区颜色', '红色任务', '黄色任务', '绿色任务']);
    const byCode = Object.fromEntries(rows.slice(1).map((row) => [row[0], row]));
    expect(rows).toHaveLength(10); // header + the nine counties of 常德市
    expect(byCode['430721'].slice(2, 6)).toEqual(['红', '3', '0', '1']);
    expect(byCode['430726'].slice(2, 6)).toEqual(['黄', '0', '3', '0']);
    expect(byCode['430726'][9]).toBe('逾期');
    expect(byCode['430725'][10]).toBe('1'); // newly listed (挂牌督办)
  });

  it('serves a printable HTML page, with no accountability names', async () => {
    const portal = await token({ role: 'PORTAL', regionCode: DEMO.city });
    const r = await get(`/bulletins/${encodeURIComponent(octId)}.html`, portal);
    expect(r.status).toBe(200);
    expect(r.type).toMatch(/text\/html/);
    expect(r.text).toContain('2026年10月整改工作通报');
    expect(r.text).toContain('核减超编学校编制并补充县中紧缺学科教师');
    expect(r.text).not.toContain('桃源县教育局分管副局长');
  });

  it('applies the API’s authentication: anonymous is refused, a bad id is 400, an unknown one 404', async () => {
    expect((await get(`/bulletins/${encodeURIComponent(octId)}.html`)).status).toBe(403);
    expect((await get(`/bulletins/${encodeURIComponent(octId)}.html`, 'not-a-token')).status).toBe(401);
    const portal = await token({ role: 'PORTAL', regionCode: DEMO.city });
    expect((await get('/bulletins/zzz.csv', portal)).status).toBe(400);
    expect(
      (await get(`/bulletins/${Buffer.from('ReportingPeriod:999999').toString('base64')}.csv`, portal)).status,
    ).toBe(404);
  });
});

describe('CLI export kinds', () => {
  it('exports inspection findings and escalations; they are not importable', async () => {
    const city = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city });
    const findings = await cli([
      'export',
      '--kind',
      'inspection-findings',
      '--format',
      'csv',
      '--out',
      join(dir, 'f.csv'),
      '--url',
      server.url,
      '--token',
      city,
    ]);
    expect(findings.code).toBe(0);
    const rows = parseCsv(readFileSync(join(dir, 'f.csv'), 'utf8').replace(/^\uFEFF/, ''), { columns: true }) as Record<
      string,
      string
    >[];
    expect(rows.map((r) => r.regionCode).sort()).toEqual(['430721', '430725', '430725', '430726']); // three findings and one 回头看
    const esc = await cli([
      'export',
      '--kind',
      'escalations',
      '--format',
      'jsonl',
      '--out',
      join(dir, 'e.jsonl'),
      '--url',
      server.url,
      '--token',
      city,
    ]);
    expect(esc.code).toBe(0);
    const lines = readFileSync(join(dir, 'e.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.stage).sort()).toEqual(['ACCOUNTABILITY', 'LISTED']);
    expect(lines.find((l) => l.stage === 'ACCOUNTABILITY')).toMatchObject({
      accountablePerson: '桃源县教育局分管副局长',
      decidedOn: '2026-11-25',
    });
    const imp = await cli([
      'import',
      join(dir, 'e.jsonl'),
      '--kind',
      'escalations',
      '--url',
      server.url,
      '--token',
      city,
    ]);
    expect(imp.code).not.toBe(0);
    expect(imp.stderr).toMatch(/export-only/);
  }, 200_000);
});
