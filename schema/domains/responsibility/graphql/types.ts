import { builder } from '../../../builder.js';
import { groupedPerRequest } from '../../shared/loaders.js';
import { loadItems, type ItemWithAssignments } from '../listItems.js';
import { GovernanceLevelEnum, ResponsibilityDomainEnum, ResponsibilityListStatusEnum } from './enums.js';
import { canReadList } from '../filters.js';
import { LIST_TYPE } from '../ids.js';
import { findProblems, levelsWith, type Assignment } from '../rules.js';
import { compareListVersions } from '../compareListVersions.js';
import { AssignmentRef, DiffRef, MatrixRef, ProblemRef } from './matrixTypes.js';

const ASSIGNMENTS = {
  with: { assignments: { columns: { level: true, role: true }, orderBy: { level: 'asc', role: 'asc' } } },
} as const;

export const ItemRef = builder.drizzleObject('responsibilityItems', {
  name: 'ResponsibilityItem',
  description: 'A governance matter on a responsibility list (权责事项), with the role of each level.',
  fields: (t) => ({
    key: t.exposeString('key', {
      description: 'Stable key across versions, e.g. ENROLMENT.ADMISSION_QUOTA (事项编码).',
    }),
    domain: t.expose('domain', { type: ResponsibilityDomainEnum, description: 'Governance domain (领域).' }),
    title: t.exposeString('title', { description: 'Title (事项名称).' }),
    description: t.exposeString('description', { description: 'What the matter covers (事项内容).' }),
    policyBasis: t.exposeString('policyBasis', { description: 'Legal or policy basis (实施依据).' }),
    accountability: t.exposeString('accountability', {
      description: 'When the responsible level is held to account (追责情形).',
    }),
    position: t.exposeInt('position', { description: 'Order within the list (序号).' }),
    assignments: t.field({
      type: [AssignmentRef],
      description: 'Roles of each level, city first (职责分配).',
      select: ASSIGNMENTS,
      resolve: (item) => item.assignments as Assignment[],
    }),
    lead: t.field({
      type: GovernanceLevelEnum,
      nullable: true,
      description: 'The level that leads (主责层级); null while the matter has a gap or an overlap.',
      select: ASSIGNMENTS,
      resolve: (item) => {
        const leads = levelsWith({ assignments: item.assignments as Assignment[] }, 'LEAD');
        return leads.length === 1 ? leads[0] : null;
      },
    }),
    list: t.relation('list', { description: 'The list version this item belongs to (所属清单).' }),
  }),
});

/** Items (with assignments) of every list a request shows: one load for all, shared by problems and matrix. */
const itemsLoader = groupedPerRequest<number, ItemWithAssignments[]>(
  (ctx, ids) => loadItems(ctx.db, ids),
  () => [],
);

export const ListRef = builder.drizzleNode('responsibilityLists', {
  name: LIST_TYPE,
  description:
    'A version of a city’s responsibility list (权责清单): the matters and which level leads, ' +
    'implements, cooperates and supervises. Drafts are visible to the city’s admins only; ' +
    'published lists are immutable.',
  id: { column: (l) => l.id },
  readRule: (list, ctx) => canReadList(ctx.viewer, list),
  fields: (t) => ({
    regionCode: t.exposeString('regionCode', { description: 'Code of the publishing city (发布城市).' }),
    region: t.relation('region', { description: 'The publishing city (发布城市).' }),
    year: t.exposeInt('year', { description: 'Year of the version (年度).' }),
    sequence: t.exposeInt('sequence', { description: 'Version within the year, from 1 (版次).' }),
    version: t.string({
      description: 'Version label, year-sequence, e.g. 2026-2 (版本号).',
      resolve: (l) => `${l.year}-${l.sequence}`,
    }),
    title: t.exposeString('title', { description: 'Title (清单名称).' }),
    status: t.expose('status', {
      type: ResponsibilityListStatusEnum,
      description: 'Draft, published or superseded (状态).',
    }),
    publishedAt: t.expose('publishedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it was published (发布时间).',
    }),
    supersededAt: t.expose('supersededAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When a later version replaced it (废止时间).',
    }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'Last change (更新时间).' }),
    basedOn: t.relation('basedOn', { nullable: true, description: 'The version this one was copied from (基于版本).' }),
    items: t.relation('items', {
      description: 'The matters, in list order (事项).',
      args: { domain: t.arg({ type: ResponsibilityDomainEnum, description: 'Only matters of this domain.' }) },
      query: (args) => ({ where: args.domain ? { domain: args.domain } : {}, orderBy: { position: 'asc', id: 'asc' } }),
    }),
    itemCount: t.relatedCount('items', { description: 'Number of matters (事项数).' }),
    problems: t.field({
      type: [ProblemRef],
      description:
        'Every item with an overlap (more than one LEAD, 权责交叉) or a gap (no LEAD, 责任真空), ' +
        'which block publishing, and as warnings items with no SUPERVISE level.',
      resolve: async (list, _args, ctx) => findProblems(await itemsLoader(ctx).load(list.id)),
    }),
    matrix: t.field({
      type: MatrixRef,
      description: 'Items × levels with roles (权责矩阵), cheap to render: two SQL statements whatever the size.',
      resolve: async (list, _args, ctx) => ({ rows: (await itemsLoader(ctx).load(list.id)).map((item) => ({ item })) }),
    }),
    diff: t.field({
      type: DiffRef,
      description:
        'Changes from another version of the same city’s list to this one (版本对比): items added, ' +
        'removed and changed.',
      args: {
        against: t.arg.id({ required: true, description: 'Global id of the other version (usually the older one).' }),
      },
      // A bad `against` is a UserError: server/formatError.ts gives it its code and path.
      resolve: (list, args, ctx) => compareListVersions(ctx, list, String(args.against)),
    }),
  }),
});
