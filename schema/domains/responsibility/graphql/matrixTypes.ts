import { builder } from '../../../builder.js';
import type { ItemWithAssignments } from '../listItems.js';
import type { ItemChange, ListDiff } from '../diff.js';
import {
  GovernanceLevelEnum,
  ResponsibilityDomainEnum,
  ResponsibilityProblemKindEnum,
  ResponsibilityRoleEnum,
} from './enums.js';
import { levelsWith, LEVELS, type Assignment, type Problem } from '../rules.js';

/** Computed views of a list: problems, the matrix, diffs between versions. Plain objects, no SQL. */
export const AssignmentRef = builder.objectRef<Assignment>('ResponsibilityAssignment').implement({
  description: 'One role of one level on a matter (职责分配), e.g. COUNTY IMPLEMENT.',
  fields: (t) => ({
    level: t.field({ type: GovernanceLevelEnum, description: 'Level (层级).', resolve: (a) => a.level }),
    role: t.field({ type: ResponsibilityRoleEnum, description: 'Role (职责).', resolve: (a) => a.role }),
  }),
});

export const ProblemRef = builder.objectRef<Problem>('ResponsibilityProblem').implement({
  description: 'A finding on a list (清单问题): an overlap or gap that blocks publishing, or a warning.',
  fields: (t) => ({
    kind: t.field({
      type: ResponsibilityProblemKindEnum,
      description: 'OVERLAP, GAP or NO_SUPERVISOR.',
      resolve: (p) => p.kind,
    }),
    blocking: t.exposeBoolean('blocking', { description: 'Blocks publishing (OVERLAP, GAP); false for warnings.' }),
    itemKey: t.exposeString('itemKey', { description: 'Key of the offending item (事项编码).' }),
    itemTitle: t.exposeString('itemTitle', { description: 'Title of the offending item.' }),
    levels: t.field({
      type: [GovernanceLevelEnum],
      description: 'The levels that lead, for an overlap; empty otherwise.',
      resolve: (p) => p.levels,
    }),
    message: t.exposeString('message', { description: 'Explanation naming the item.' }),
  }),
});

interface MatrixRow {
  item: ItemWithAssignments;
}
const MatrixRowRef = builder.objectRef<MatrixRow>('ResponsibilityMatrixRow').implement({
  description: 'One matter of the matrix view (权责矩阵行): the roles of each level in fixed columns.',
  fields: (t) => ({
    key: t.string({ description: 'Item key.', resolve: (r) => r.item.key }),
    domain: t.field({ type: ResponsibilityDomainEnum, description: 'Domain (领域).', resolve: (r) => r.item.domain }),
    title: t.string({ description: 'Title (事项名称).', resolve: (r) => r.item.title }),
    city: t.field({
      type: [ResponsibilityRoleEnum],
      description: 'Roles of the city (市级).',
      resolve: (r) => rolesOf(r.item, 'CITY'),
    }),
    county: t.field({
      type: [ResponsibilityRoleEnum],
      description: 'Roles of the county (县级).',
      resolve: (r) => rolesOf(r.item, 'COUNTY'),
    }),
    school: t.field({
      type: [ResponsibilityRoleEnum],
      description: 'Roles of the school (学校).',
      resolve: (r) => rolesOf(r.item, 'SCHOOL'),
    }),
    lead: t.field({
      type: GovernanceLevelEnum,
      nullable: true,
      description: 'The single leading level; null for a gap or overlap.',
      resolve: (r) => {
        const leads = levelsWith(r.item, 'LEAD');
        return leads.length === 1 ? leads[0] : null;
      },
    }),
  }),
});
const rolesOf = (item: ItemWithAssignments, level: string) =>
  item.assignments.filter((a) => a.level === level).map((a) => a.role);

export const MatrixRef = builder.objectRef<{ rows: MatrixRow[] }>('ResponsibilityMatrix').implement({
  description:
    'Items × levels with roles (权责矩阵), for portals to render as a table: one row per ' +
    'matter, one column per level.',
  fields: (t) => ({
    levels: t.field({
      type: [GovernanceLevelEnum],
      description: 'The columns, in order: CITY, COUNTY, SCHOOL.',
      resolve: () => [...LEVELS],
    }),
    rows: t.field({ type: [MatrixRowRef], description: 'One row per item, in list order.', resolve: (m) => m.rows }),
  }),
});

const ItemSummaryRef = builder.objectRef<ItemWithAssignments>('ResponsibilityItemSummary').implement({
  description: 'An item as it stands in one version, for diffs (事项快照).',
  fields: (t) => ({
    key: t.exposeString('key', { description: 'Item key.' }),
    domain: t.field({ type: ResponsibilityDomainEnum, description: 'Domain.', resolve: (i) => i.domain }),
    title: t.exposeString('title', { description: 'Title.' }),
    assignments: t.field({ type: [AssignmentRef], description: 'Roles of each level.', resolve: (i) => i.assignments }),
  }),
});

const ItemChangeRef = builder.objectRef<ItemChange>('ResponsibilityItemChange').implement({
  description: 'An item present in both versions that changed (变更事项).',
  fields: (t) => ({
    key: t.exposeString('key', { description: 'Item key.' }),
    title: t.exposeString('title', { description: 'Title in the newer version.' }),
    before: t.field({
      type: [AssignmentRef],
      description: 'Assignments in the `against` version.',
      resolve: (c) => c.before,
    }),
    after: t.field({ type: [AssignmentRef], description: 'Assignments in this version.', resolve: (c) => c.after }),
    assignmentsChanged: t.exposeBoolean('assignmentsChanged', { description: 'Whether who-does-what changed.' }),
    fieldsChanged: t.exposeStringList('fieldsChanged', {
      description: 'Text fields that changed (domain, title, description, policyBasis, accountability).',
    }),
  }),
});

export const DiffRef = builder.objectRef<ListDiff>('ResponsibilityListDiff').implement({
  description: 'Differences between two versions of a city’s list (版本对比), by item key.',
  fields: (t) => ({
    added: t.field({
      type: [ItemSummaryRef],
      description: 'Items in this version only (新增事项).',
      resolve: (d) => d.added,
    }),
    removed: t.field({
      type: [ItemSummaryRef],
      description: 'Items in the other version only (删除事项).',
      resolve: (d) => d.removed,
    }),
    changed: t.field({
      type: [ItemChangeRef],
      description: 'Items in both whose assignments or text changed (调整事项).',
      resolve: (d) => d.changed,
    }),
  }),
});
