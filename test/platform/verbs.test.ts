import {
  getNamedType,
  getNullableType,
  isInputObjectType,
  isListType,
  isNonNullType,
  type GraphQLInputObjectType,
} from 'graphql';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schools } from '../../schema/domains/organisation/table.js';
import { DEMO, startTestServer, token, type TestServer } from '../harness.js';
import { MALFORMED_ID, mutationCall, mutations, MUTATION_OPTIONALS, valueFor, type Samples } from '../access/matrix.js';

/**
 * The one shape of a write (schema/domains/shared/verb.ts), checked for every mutation of the
 * schema: its permission is declared (and printed in its description), checked before any part
 * of the input is looked at, and its ids are decoded by the one parse after it.
 */
const ROLES = ['CITY_ADMIN', 'COUNTY_ADMIN', 'SCHOOL_ADMIN', 'EVALUATOR', 'PORTAL'] as const;
type Role = (typeof ROLES)[number];

/** The roles a mutation's description declares ("Permission: write scope and role A or B (kind)."). */
function permittedRoles(description: string | null | undefined): Role[] | null {
  const m = /Permission: (?:write scope and role (.+?)|no role may use it) \(\w+\)\.$/.exec(description ?? '');
  if (!m) return null;
  return (m[1] ?? '').split(' or ').filter(Boolean) as Role[];
}

const PRINCIPALS: Record<Role, { role: Role; regionCode?: string; schoolCode?: string }> = {
  CITY_ADMIN: { role: 'CITY_ADMIN', regionCode: DEMO.city },
  COUNTY_ADMIN: { role: 'COUNTY_ADMIN', regionCode: DEMO.anxiang },
  SCHOOL_ADMIN: { role: 'SCHOOL_ADMIN', schoolCode: '' }, // a school of 安乡, found after seeding
  EVALUATOR: { role: 'EVALUATOR', regionCode: DEMO.city },
  PORTAL: { role: 'PORTAL' },
};

/** Every id in the input is malformed: nothing here names a real object. */
const NO_SAMPLES: Samples = {
  ids: Object.fromEntries(
    [
      'teacher',
      'exchange',
      'pool',
      'offer',
      'request',
      'allocation',
      'list',
      'task',
      'cycle',
      'framework',
      'invitation',
    ].map((k) => [k, MALFORMED_ID]),
  ) as Samples['ids'],
  staffNo: 'NOBODY',
  schoolCode: '3443000001',
  itemKey: 'ENROLMENT.ADMISSION_QUOTA',
};

/** Top-level ID fields of a mutation's input (each id a list position when the field is a list). */
function idFields(m: (typeof mutations)[number]): { name: string; list: boolean }[] {
  const input = m.args.find((a) => a.name === 'input');
  if (!input) return [];
  const type = getNamedType(input.type) as GraphQLInputObjectType;
  return Object.values(type.getFields())
    .filter((f) => getNamedType(f.type).name === 'ID')
    .map((f) => ({ name: f.name, list: isListType(getNullableType(f.type)) }));
}

/** Input with plausible values, every id field (optional ones too) malformed. */
function inputWithBadIds(m: (typeof mutations)[number]): Record<string, unknown> {
  const input = m.args.find((a) => a.name === 'input')!;
  const value = valueFor('input', input.type, m.name, { samples: NO_SAMPLES, optionals: MUTATION_OPTIONALS }) as Record<
    string,
    unknown
  >;
  for (const f of idFields(m)) value[f.name] = f.list ? [MALFORMED_ID] : MALFORMED_ID;
  return value;
}

/** Only the required fields, each empty, negative or malformed ("missing" as far as GraphQL lets one send). */
function emptyInput(m: (typeof mutations)[number]): Record<string, unknown> {
  const input = m.args.find((a) => a.name === 'input')!;
  const type = getNamedType(input.type);
  if (!isInputObjectType(type)) return {};
  const all = valueFor('input', input.type, m.name, {
    samples: NO_SAMPLES,
    optionals: new Set(),
    malformed: true,
  }) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(all).filter(([k]) => isNonNullType(type.getFields()[k].type)));
}

let s: TestServer;
beforeAll(async () => {
  // Seeded so that tokens name real places (a school admin's school must exist).
  s = await startTestServer({ seed: true });
  const [school] = await s.db.database.db
    .select({ code: schools.code })
    .from(schools)
    .where(eq(schools.countyCode, DEMO.anxiang))
    .limit(1);
  PRINCIPALS.SCHOOL_ADMIN.schoolCode = school.code;
});
afterAll(async () => s?.close());

async function call(m: (typeof mutations)[number], input: Record<string, unknown>, bearer?: string) {
  const { query } = mutationCall(m, NO_SAMPLES, true);
  const { body } = await s.gql(query, { input }, bearer);
  expect(body.errors, `${m.name}: no top-level error`).toBeUndefined();
  return body.data[m.name] as { errors: { code: string; path: (string | number)[] }[] };
}

describe('service verbs', () => {
  it('every mutation declares its permission in its description', () => {
    const missing = mutations.filter((m) => permittedRoles(m.description) == null).map((m) => m.name);
    expect(missing).toEqual([]);
  });

  it(
    'a caller without the permission is refused at the empty path, whatever the input (bad ' +
      'ids, empty and missing fields)',
    async () => {
      const readOnlyCity = await token({ ...PRINCIPALS.CITY_ADMIN, scopes: ['read'] });
      let checked = 0;
      for (const m of mutations) {
        const allowed = permittedRoles(m.description)!;
        const callers: [string, string | undefined, string][] = [
          ['anonymous', undefined, 'UNAUTHENTICATED'],
          ['CITY_ADMIN without write scope', readOnlyCity, 'FORBIDDEN'],
        ];
        for (const role of ROLES.filter((r) => !allowed.includes(r)))
          callers.push([role, await token(PRINCIPALS[role]), 'FORBIDDEN']);
        for (const input of [inputWithBadIds(m), emptyInput(m)]) {
          for (const [who, bearer, code] of callers) {
            const payload = await call(m, input, bearer);
            expect(payload.errors, `${m.name} as ${who}`).toEqual([expect.objectContaining({ code, path: [] })]);
            checked++;
          }
        }
      }
      expect(checked).toBeGreaterThan(mutations.length * 6);
    },
  );

  it('a permitted caller with a malformed id gets VALIDATION at input.<idField>, in every domain', async () => {
    const withIds = mutations.filter((m) => idFields(m).length > 0);
    // Pools, exchanges, responsibility, evaluation (imports included): every domain that takes ids.
    expect(withIds.map((m) => m.name)).toEqual(
      expect.arrayContaining([
        'allocateResource',
        'approveExchange',
        'publishResponsibilityList',
        'closeEvaluationCycle',
        'importStudentScores',
        'submitEvaluation',
      ]),
    );
    for (const m of withIds) {
      const role = permittedRoles(m.description)![0];
      const payload = await call(m, inputWithBadIds(m), await token(PRINCIPALS[role]));
      const validation = payload.errors.filter((e) => e.code === 'VALIDATION').map((e) => e.path.join('.'));
      for (const f of idFields(m))
        expect(validation, `${m.name} as ${role}`).toContain(f.list ? `input.${f.name}.0` : `input.${f.name}`);
      expect(
        payload.errors.filter((e) => e.code === 'FORBIDDEN' || e.code === 'NOT_FOUND'),
        m.name,
      ).toEqual([]);
    }
  });

  it('a permitted caller naming an unknown object gets NOT_FOUND at its field', async () => {
    const unknown = Buffer.from('ResourcePool:999999').toString('base64');
    const m = mutations.find((x) => x.name === 'autoMatchRequests')!;
    const payload = await call(m, { poolId: unknown }, await token(PRINCIPALS.CITY_ADMIN));
    expect(payload.errors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', path: ['input', 'poolId'] })]);
  });
});
