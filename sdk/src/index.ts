/**
 * @edugov/sdk: typed client for the edugov GraphQL API (区域教育协同治理).
 *
 * Works in browsers and Node ≥ 20 alike: it needs only `fetch`, `AbortController` and the
 * `graphql` package (to print documents). The operation methods are generated from
 * `sdk/operations/*.graphql` into `./generated/graphql.ts`; this file adds the transport
 * (auth, timeout, retry, errors) and pagination helpers.
 */
import type { DocumentNode } from 'graphql';
import {
  getSdk,
  type ChangesQuery,
  type ConsortiaQueryVariables,
  type ConsortiumFieldsFragment,
  type EnrolmentAdmissionFieldsFragment,
  type EnrolmentAdmissionsQueryVariables,
  type PageInfoFieldsFragment,
  type RegionFieldsFragment,
  type RegionsQueryVariables,
  type SchoolFieldsFragment,
  type SchoolsQueryVariables,
  type TeacherFieldsFragment,
  type TeachersQueryVariables,
  type UserErrorFieldsFragment,
  type ViewerQuery,
} from './generated/graphql.js';
import { EdugovError } from './errors.js';
import { createRequester, type RequestOptions, type TransportOptions } from './transport.js';

export * from './generated/graphql.js';
export {
  CLIENT_ERROR_CODES,
  EdugovError,
  SERVER_ERROR_CODES,
  type ClientErrorCode,
  type EdugovErrorCode,
  type EdugovErrorInit,
  type ServerErrorCode,
} from './errors.js';
export {
  parseRetryAfter,
  type FetchLike,
  type RequestOptions,
  type RetryOptions,
  type TokenSource,
  type TransportOptions,
} from './transport.js';

/** Friendly names for the fragment shapes the operations return. */
export type School = SchoolFieldsFragment;
/** `idNumber` and `phone` are null unless the caller holds the personal scope for the teacher. */
export type Teacher = TeacherFieldsFragment;
export type Region = RegionFieldsFragment;
export type Consortium = ConsortiumFieldsFragment;
/** Admissions as reported (录取情况): counts only. */
export type EnrolmentAdmission = EnrolmentAdmissionFieldsFragment;
/** An expected mutation failure, returned as data: switch on `code`, report `path`. */
export type UserError = UserErrorFieldsFragment;
export type ChangeEvent = ChangesQuery['changes']['events'][number];
export type Viewer = ViewerQuery['viewer'];

export type ClientOptions = TransportOptions;

type GeneratedSdk = ReturnType<typeof getSdk<RequestOptions>>;

/** `T` with its keys' first letter lower-cased. */
export type UncapitalizeKeys<T> = { [K in keyof T as K extends string ? Uncapitalize<K> : never]: T[K] };

/** The generated operations, named in camelCase: `Schools` → `schools`, `UpsertSchools` → `upsertSchools`. */
export type Operations = UncapitalizeKeys<GeneratedSdk>;

interface Connection<N> {
  nodes: N[];
  pageInfo: PageInfoFieldsFragment;
}

export interface Paginators {
  /** Every school matching the filter, page by page (`first` = page size, default 100). */
  schools(variables?: SchoolsQueryVariables, options?: RequestOptions): AsyncGenerator<School, void, undefined>;
  /** Every teacher matching the filter within the caller's jurisdiction. */
  teachers(variables?: TeachersQueryVariables, options?: RequestOptions): AsyncGenerator<Teacher, void, undefined>;
  regions(variables?: RegionsQueryVariables, options?: RequestOptions): AsyncGenerator<Region, void, undefined>;
  consortia(variables?: ConsortiaQueryVariables, options?: RequestOptions): AsyncGenerator<Consortium, void, undefined>;
  /** Every admission count (录取情况) matching the filter within the caller's jurisdiction. */
  enrolmentAdmissions(
    variables?: EnrolmentAdmissionsQueryVariables,
    options?: RequestOptions,
  ): AsyncGenerator<EnrolmentAdmission, void, undefined>;
}

export type EdugovClient = Operations & {
  /** Async iterators over every node of a connection, following `pageInfo.endCursor`. */
  paginate: Paginators;
  /** Sends any document (e.g. one of your own) through the same transport. */
  request<R, V = Record<string, unknown>>(document: DocumentNode, variables?: V, options?: RequestOptions): Promise<R>;
};

/** Default (and server maximum) page size of the paginators. */
export const DEFAULT_PAGE_SIZE = 100;

/**
 * Creates a client.
 *
 * ```ts
 * const edu = createClient({ url: 'https://edu.example.gov.cn/graphql', token });
 * const { schools } = await edu.schools({ filter: { regionCode: '430721' }, first: 20 });
 * for await (const t of edu.paginate.teachers({ filter: { regionCode: '430721' } })) …
 * ```
 */
export function createClient(options: ClientOptions): EdugovClient {
  const request = createRequester(options);
  const ops = uncapitalizeKeys(getSdk<RequestOptions>(request));

  const paginate: Paginators = {
    schools: (v, o) => walk((p) => ops.schools(p, o).then((d) => d.schools), v),
    teachers: (v, o) => walk((p) => ops.teachers(p, o).then((d) => d.teachers), v),
    regions: (v, o) => walk((p) => ops.regions(p, o).then((d) => d.regions), v),
    consortia: (v, o) => walk((p) => ops.consortia(p, o).then((d) => d.consortia), v),
    enrolmentAdmissions: (v, o) => walk((p) => ops.enrolmentAdmissions(p, o).then((d) => d.enrolmentAdmissions), v),
  };

  return { ...ops, paginate, request };
}

async function* walk<V extends { first?: number | null; after?: string | null }, N>(
  fetchPage: (variables: V) => Promise<Connection<N>>,
  variables?: V,
): AsyncGenerator<N, void, undefined> {
  const first = variables?.first ?? DEFAULT_PAGE_SIZE;
  let after = variables?.after ?? null;
  for (;;) {
    const page = await fetchPage({ ...variables, first, after } as V);
    yield* page.nodes;
    const next = page.pageInfo.endCursor;
    if (!page.pageInfo.hasNextPage) return;
    if (!next || next === after) {
      throw new EdugovError('Pagination stalled: hasNextPage is true but endCursor did not advance', {
        status: 200,
        code: 'BAD_RESPONSE',
      });
    }
    after = next;
  }
}

function uncapitalizeKeys<T extends object>(sdk: T): UncapitalizeKeys<T> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(sdk)) out[key.charAt(0).toLowerCase() + key.slice(1)] = value;
  return out as UncapitalizeKeys<T>;
}
