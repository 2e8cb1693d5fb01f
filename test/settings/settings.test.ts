import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSetting } from '../../schema/domains/settings/resolve.js';
import { DEMO, present, startTestServer, token, type TestServer } from '../harness.js';
import type { VariablesOf } from '@graphql-typed-document-node/core';
import { graphql } from '../graphql/index.js';

const SET = graphql(
  `mutation SettingsSettingsSet($input: SetRegionSettingInput!) { setRegionSetting(input: $input) { setting { key value own } errors { code path message } } }`,
);
const READ = graphql(
  `query SettingsSettingsRead($c: String!) { region(code: $c) { settings { key value own defaultValue } } }`,
);

let s: TestServer;
let city: string;
beforeAll(async () => {
  s = await startTestServer();
  city = await token({ role: 'CITY_ADMIN', regionCode: DEMO.city });
});
afterAll(() => s?.close());

describe('region settings', () => {
  it('defaults, city override inherited by counties, county override, clearing', async () => {
    const db = s.db.database.db;
    expect(await resolveSetting(db, 'exchange.targetRatio', DEMO.anxiang)).toBe(0.1);
    const set = await s.gql(SET, { input: { regionCode: DEMO.city, key: 'exchange.targetRatio', value: 0.2 } }, city);
    expect(set.body.data.setRegionSetting).toEqual({
      setting: { key: 'exchange.targetRatio', value: 0.2, own: true },
      errors: [],
    });
    expect(await resolveSetting(db, 'exchange.targetRatio', DEMO.anxiang)).toBe(0.2);
    await s.gql(SET, { input: { regionCode: DEMO.anxiang, key: 'exchange.targetRatio', value: 0.25 } }, city);
    const county = present((await s.gql(READ, { c: DEMO.anxiang })).body.data.region).settings.find(
      (x) => x.key === 'exchange.targetRatio',
    );
    expect(county).toEqual({ key: 'exchange.targetRatio', value: 0.25, own: true, defaultValue: 0.1 });
    const other = present((await s.gql(READ, { c: DEMO.taoyuan })).body.data.region).settings.find(
      (x) => x.key === 'exchange.targetRatio',
    );
    expect(other).toMatchObject({ value: 0.2, own: false });
    await s.gql(SET, { input: { regionCode: DEMO.anxiang, key: 'exchange.targetRatio', value: null } }, city);
    expect(await resolveSetting(db, 'exchange.targetRatio', DEMO.anxiang)).toBe(0.2);
  });

  it('rejects unknown keys, bad values, other jurisdictions and county admins, changing nothing', async () => {
    const cases: [VariablesOf<typeof SET>['input'], string, string][] = [
      [{ regionCode: DEMO.city, key: 'no.such', value: 1 }, 'VALIDATION', 'input.key'],
      [{ regionCode: DEMO.city, key: 'exchange.targetRatio', value: 1.5 }, 'VALIDATION', 'input.value'],
      [{ regionCode: DEMO.city, key: 'exchange.eligibilityYears', value: 'six' }, 'VALIDATION', 'input.value'],
      [{ regionCode: '430800', key: 'exchange.targetRatio', value: 0.3 }, 'FORBIDDEN', 'input.regionCode'],
    ];
    for (const [input, code, path] of cases) {
      const { body } = await s.gql(SET, { input }, city);
      expect(body.data.setRegionSetting.setting).toBeNull();
      expect(body.data.setRegionSetting.errors[0]).toMatchObject({ code, path: path.split('.') });
    }
    const county = await token({ role: 'COUNTY_ADMIN', regionCode: DEMO.anxiang });
    const { body } = await s.gql(
      SET,
      { input: { regionCode: DEMO.anxiang, key: 'exchange.targetRatio', value: 0.01 } },
      county,
    );
    expect(body.data.setRegionSetting.errors[0].code).toBe('FORBIDDEN');
    expect(await resolveSetting(s.db.database.db, 'exchange.targetRatio', DEMO.anxiang)).toBe(0.2);
  });
});
