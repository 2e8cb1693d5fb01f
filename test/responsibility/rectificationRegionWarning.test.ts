import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemViewer } from '../../schema/domains/access/viewer.js';
import { regionTaskWarnings, regionWarningOf } from '../../schema/domains/responsibility/regionWarning.js';
import { rectificationTasks, responsibilityItems } from '../../schema/domains/responsibility/table.js';
import { schools } from '../../schema/domains/organisation/table.js';
import { isAcceptanceOverdue, isOverdue, waitingOn, warningOf } from '../../schema/domains/responsibility/warning.js';
import { DEMO, startTestServer, token, type TestServer } from '../harness.js';
import { graphql } from '../graphql/index.js';

const TASKS = graphql(
  `query ResponsibilityRectificationRegionWarningTasks($f: RectificationTaskFilter) { rectificationTasks(filter: $f, first: 100) { nodes { title warning overdue waitingOn acceptanceOverdue } } }`,
);
const REGION_WARNINGS = graphql(
  `query ResponsibilityRectificationRegionWarningRegions($r: String!) { regionTaskWarnings(regionCode: $r) { regionCode warning red } }`,
);

/**
 * Warnings that blame the right level: a task reported 100 % and awaiting acceptance past its
 * deadline is GREEN for the responsible unit and flagged as waiting on the supervising level;
 * task colours roll up to a region colour (整改滞后地区). Fixtures are counted by hand below.
 */

let s: TestServer;
const db = () => s.db.database.db;
// Noon China Standard Time, 15 June 2026.
const NOW = new Date('2026-06-15T04:00:00Z');

beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s?.close());

describe('a task at 100 % awaiting acceptance past its deadline', () => {
  const awaiting = {
    status: 'AWAITING_ACCEPTANCE' as const,
    progress: 100,
    startDate: '2026-03-01',
    deadline: '2026-05-31',
  };
  it('is not RED for the responsible unit and waits on the supervising level', () => {
    expect(warningOf(awaiting, NOW)).toBe('GREEN');
    expect(isOverdue(awaiting, NOW)).toBe(false);
    expect(isAcceptanceOverdue(awaiting, NOW)).toBe(true);
    expect(waitingOn(awaiting)).toBe('SUPERVISING_LEVEL');
    // The same task still in progress at 95 % is the unit's delay.
    const late = { ...awaiting, status: 'IN_PROGRESS' as const, progress: 95 };
    expect(warningOf(late, NOW)).toBe('RED');
    expect(isOverdue(late, NOW)).toBe(true);
    expect(waitingOn(late)).toBe('RESPONSIBLE_UNIT');
    expect(waitingOn({ status: 'ACCEPTED' })).toBe('NONE');
  });

  it('shows waitingOn and acceptanceOverdue through the API', async () => {
    const [item] = await db().select().from(responsibilityItems).limit(1);
    const [row] = await db()
      .insert(rectificationTasks)
      .values({
        itemId: item.id,
        itemKey: item.key,
        regionCode: DEMO.anxiang,
        title: '待验收',
        acceptanceStandard: '验收',
        startDate: '2025-01-01',
        deadline: '2025-06-30',
        status: 'AWAITING_ACCEPTANCE',
        progress: 100,
        createdBy: 'test',
      })
      .returning();
    const city = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city });
    const { body } = await s.gql(TASKS, { f: { status: ['AWAITING_ACCEPTANCE'], regionCode: DEMO.anxiang } }, city);
    expect(body.data.rectificationTasks.nodes).toContainEqual({
      title: '待验收',
      warning: 'GREEN',
      overdue: false,
      waitingOn: 'SUPERVISING_LEVEL',
      acceptanceOverdue: true,
    });
    await db().delete(rectificationTasks).where(sql`${rectificationTasks.id} = ${row.id}`);
  });
});

describe('region roll-up (整改滞后地区)', () => {
  it('the rule: any RED → RED, else any YELLOW → YELLOW, else GREEN', () => {
    expect(regionWarningOf({ red: 1, yellow: 0 })).toBe('RED');
    expect(regionWarningOf({ red: 1, yellow: 5 })).toBe('RED');
    expect(regionWarningOf({ red: 0, yellow: 1 })).toBe('YELLOW');
    expect(regionWarningOf({ red: 0, yellow: 0 })).toBe('GREEN');
  });

  it('rolls hand-counted fixtures up to each county and the city', async () => {
    // Only the fixtures below: the demo's tasks go, with what refers to them (findings, escalations, reports).
    await db().execute(sql`truncate ${rectificationTasks} cascade`);
    const [item] = await db().select().from(responsibilityItems).limit(1);
    const [school] = await db().select().from(schools).where(sql`${schools.countyCode} = ${DEMO.anxiang}`).limit(1);
    const task = (
      regionCode: string,
      startDate: string,
      deadline: string,
      status: 'IN_PROGRESS' | 'AWAITING_ACCEPTANCE' | 'ACCEPTED',
      progress: number,
      schoolId: number | null = null,
    ) => ({
      itemId: item.id,
      itemKey: item.key,
      regionCode,
      schoolId,
      title: `${regionCode} ${deadline}`,
      acceptanceStandard: '验收',
      startDate,
      deadline,
      status,
      progress,
      createdBy: 'test',
    });
    await db()
      .insert(rectificationTasks)
      .values([
        // 安乡: a school's task still at 50 % two weeks after its deadline → RED; a bureau task complete, waiting since its deadline → GREEN, acceptance overdue.
        task(DEMO.anxiang, '2026-03-01', '2026-06-01', 'IN_PROGRESS', 50, school.id),
        task(DEMO.anxiang, '2026-03-01', '2026-06-01', 'AWAITING_ACCEPTANCE', 100),
        // 汉寿: only a complete task waiting past its deadline and an accepted one → GREEN (before the fix: RED).
        task('430722', '2026-02-01', '2026-05-01', 'AWAITING_ACCEPTANCE', 100),
        task('430722', '2026-02-01', '2026-05-01', 'ACCEPTED', 100),
        // 澧县: 5 Jun..24 Jun is 20 days; at noon of 15 Jun 10.5 days have passed → expected 52.5, reported 30 → lag 22.5 → YELLOW.
        //       1 Jun..31 Dec is 214 days; 14.5 passed → expected 6.8, reported 50 → GREEN.
        task('430723', '2026-06-05', '2026-06-24', 'IN_PROGRESS', 30),
        task('430723', '2026-06-01', '2026-12-31', 'IN_PROGRESS', 50),
        // 常德市 (the city bureau's own task): 1..30 Jun is 30 days; 14.5 passed → expected 48.3, reported 40 → lag 8.3 → GREEN.
        task(DEMO.city, '2026-06-01', '2026-06-30', 'IN_PROGRESS', 40),
      ]);
    const rows = await regionTaskWarnings(db(), systemViewer('test'), DEMO.city, NOW);
    const pick = (code: string) => rows.find((r) => r.regionCode === code);
    expect(rows.map((r) => r.regionCode)).toEqual([
      '430700',
      '430702',
      '430703',
      '430721',
      '430722',
      '430723',
      '430724',
      '430725',
      '430726',
      '430781',
    ]);
    expect(pick(DEMO.anxiang)).toMatchObject({
      warning: 'RED',
      red: 1,
      yellow: 0,
      green: 0,
      open: 1,
      awaitingAcceptance: 1,
      acceptanceOverdue: 1,
      accepted: 0,
    });
    expect(pick('430722')).toMatchObject({
      warning: 'GREEN',
      red: 0,
      yellow: 0,
      green: 0,
      open: 0,
      awaitingAcceptance: 1,
      acceptanceOverdue: 1,
      accepted: 1,
    });
    expect(pick('430723')).toMatchObject({
      warning: 'YELLOW',
      red: 0,
      yellow: 1,
      green: 1,
      open: 2,
      awaitingAcceptance: 0,
      accepted: 0,
    });
    expect(pick(DEMO.city)).toMatchObject({ regionName: '常德市', warning: 'GREEN', open: 1, green: 1 });
    expect(pick(DEMO.taoyuan)).toMatchObject({ warning: 'GREEN', open: 0, red: 0, yellow: 0, green: 0, accepted: 0 });
    // A county asked for alone: its own row only.
    expect(await regionTaskWarnings(db(), systemViewer('test'), DEMO.anxiang, NOW)).toEqual([pick(DEMO.anxiang)]);
  });

  it('stays inside the caller’s jurisdiction: a county sees its own row; schools and portals none', async () => {
    const anxiang = await token({ role: 'COUNTY_ADMIN', regionCode: DEMO.anxiang });
    const rows = (await s.gql(REGION_WARNINGS, { r: DEMO.city }, anxiang)).body.data.regionTaskWarnings;
    expect(rows).toEqual([{ regionCode: DEMO.anxiang, warning: 'RED', red: 1 }]);
    const portal = await token({ role: 'PORTAL' });
    expect((await s.gql(REGION_WARNINGS, { r: DEMO.city }, portal)).body.data.regionTaskWarnings).toEqual([]);
    const city = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city });
    expect((await s.gql(REGION_WARNINGS, { r: DEMO.city }, city)).body.data.regionTaskWarnings).toHaveLength(10);
  });
});
