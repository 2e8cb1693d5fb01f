import { builder } from '../../../builder.js';
import { entityMutation } from '../../shared/graphql/payloadTypes.js';
import type { ItemWithAssignments, ListRow } from '../listItems.js';
import { GovernanceLevelEnum, ResponsibilityDomainEnum, ResponsibilityRoleEnum } from './enums.js';
import type { TaskRow } from '../tasks.js';
import { TaskRef } from './taskTypes.js';
import { ItemRef, ListRef } from './types.js';
import { addResponsibilityItem, type AddResponsibilityItemInput } from '../services/addResponsibilityItem.js';
import { assignResponsibility, type AssignResponsibilityInput } from '../services/assignResponsibility.js';
import { createRectificationTask, type CreateRectificationTaskInput } from '../services/createRectificationTask.js';
import { createResponsibilityList, type CreateResponsibilityListInput } from '../services/createResponsibilityList.js';
import {
  publishResponsibilityList,
  type PublishResponsibilityListInput,
} from '../services/publishResponsibilityList.js';
import { removeResponsibilityItem, type RemoveResponsibilityItemInput } from '../services/removeResponsibilityItem.js';
import { reportTaskProgress, type ReportTaskProgressInput } from '../services/reportTaskProgress.js';
import { acceptTask, type AcceptTaskInput } from '../services/acceptTask.js';
import { rejectTask, type RejectTaskInput } from '../services/rejectTask.js';
import { updateResponsibilityItem, type UpdateResponsibilityItemInput } from '../services/updateResponsibilityItem.js';

const AssignmentInput = builder.inputType('ResponsibilityAssignmentInput', {
  description: 'One role of one level on a matter (职责分配).',
  fields: (t) => ({
    level: t.field({ type: GovernanceLevelEnum, required: true, description: 'CITY, COUNTY or SCHOOL.' }),
    role: t.field({
      type: ResponsibilityRoleEnum,
      required: true,
      description: 'LEAD, IMPLEMENT, COOPERATE or SUPERVISE.',
    }),
  }),
});

type Fields = Parameters<Parameters<typeof entityMutation>[0]['inputFields']>[0];

const listId = (t: Fields) => t.id({ required: true, description: 'Global id of the draft list.' });
const itemText = (t: Fields) => ({
  description: t.string({ description: 'What the matter covers (事项内容).' }),
  policyBasis: t.string({ description: 'Legal or policy basis (实施依据).' }),
  accountability: t.string({ description: 'When the responsible level is held to account (追责情形).' }),
});

entityMutation<ListRow, CreateResponsibilityListInput>({
  field: 'createResponsibilityList',
  description:
    'Creates a draft version of a city’s responsibility list (新建权责清单版本), numbered ' +
    'after the year’s last; with copyFromListId it starts as a copy of a published or ' +
    'superseded list — the way to change a published list. CITY_ADMIN of the city.',
  entityField: 'list',
  entityRef: ListRef,
  inputFields: (t) => ({
    regionCode: t.string({ required: true, description: 'The city (code ending 00).' }),
    year: t.int({ required: true, description: 'Year of the version (年度).' }),
    title: t.string({ required: true, description: 'Title, e.g. 常德市县域普通高中市县结合管理权责清单（2026年版）.' }),
    copyFromListId: t.id({ description: 'Global id of a published or superseded list of the same city to copy.' }),
  }),
  verb: createResponsibilityList,
});

entityMutation<ItemWithAssignments, AddResponsibilityItemInput>({
  field: 'addResponsibilityItem',
  description:
    'Adds a matter to a draft list (新增权责事项), optionally with its level roles. Overlaps ' +
    'and gaps are allowed while drafting and listed in `problems`; they block publishing. ' +
    'CITY_ADMIN.',
  entityField: 'item',
  entityRef: ItemRef as never,
  inputFields: (t) => ({
    listId: listId(t),
    key: t.string({
      required: true,
      description: 'Stable key, dotted upper-case segments, e.g. ENROLMENT.ADMISSION_QUOTA; unique in the ' + 'list.',
    }),
    domain: t.field({ type: ResponsibilityDomainEnum, required: true, description: 'Governance domain (领域).' }),
    title: t.string({ required: true, description: 'Title (事项名称).' }),
    ...itemText(t),
    assignments: t.field({
      type: [AssignmentInput],
      description: 'Roles of the levels; each level/role pair at most once.',
    }),
  }),
  verb: addResponsibilityItem,
});

entityMutation<ItemWithAssignments, UpdateResponsibilityItemInput>({
  field: 'updateResponsibilityItem',
  description:
    'Changes a matter of a draft list (修改权责事项); omitted fields keep their value. ' +
    'Published lists are immutable. CITY_ADMIN.',
  entityField: 'item',
  entityRef: ItemRef as never,
  inputFields: (t) => ({
    listId: listId(t),
    key: t.string({ required: true, description: 'Current key of the item.' }),
    newKey: t.string({ description: 'A new key (unique in the list).' }),
    domain: t.field({ type: ResponsibilityDomainEnum, description: 'Governance domain (领域).' }),
    title: t.string({ description: 'Title (事项名称).' }),
    ...itemText(t),
  }),
  verb: updateResponsibilityItem,
});

entityMutation<ItemWithAssignments, AssignResponsibilityInput>({
  field: 'assignResponsibility',
  description:
    'Sets the roles one level holds on a matter of a draft list (分配职责): the given roles ' +
    'replace that level’s roles; an empty list removes the level. CITY_ADMIN.',
  entityField: 'item',
  entityRef: ItemRef as never,
  inputFields: (t) => ({
    listId: listId(t),
    key: t.string({ required: true, description: 'Key of the item.' }),
    level: t.field({ type: GovernanceLevelEnum, required: true, description: 'The level whose roles are set.' }),
    roles: t.field({
      type: [ResponsibilityRoleEnum],
      required: true,
      description: 'Its complete set of roles on the item.',
    }),
  }),
  verb: assignResponsibility,
});

entityMutation<ListRow, RemoveResponsibilityItemInput>({
  field: 'removeResponsibilityItem',
  description: 'Removes a matter from a draft list (删除权责事项). CITY_ADMIN.',
  entityField: 'list',
  entityRef: ListRef,
  inputFields: (t) => ({ listId: listId(t), key: t.string({ required: true, description: 'Key of the item.' }) }),
  verb: removeResponsibilityItem,
});

entityMutation<ListRow, PublishResponsibilityListInput>({
  field: 'publishResponsibilityList',
  description:
    'Publishes a draft (发布权责清单): it becomes the city’s current list and the previous one ' +
    'SUPERSEDED. Refused, with one RESPONSIBILITY_OVERLAP or RESPONSIBILITY_GAP error naming ' +
    'each offending item, while any item has two LEADs or none. CITY_ADMIN.',
  entityField: 'list',
  entityRef: ListRef,
  inputFields: (t) => ({ listId: listId(t) }),
  verb: publishResponsibilityList,
});

const taskId = (t: Fields) => t.id({ required: true, description: 'Global id of the task.' });

entityMutation<TaskRow, CreateRectificationTaskInput>({
  field: 'createRectificationTask',
  description:
    'Opens a rectification task (下达整改任务) on a matter of the current published list for ' +
    'one responsible unit — a region or a school — inside the caller’s jurisdiction; the ' +
    'unit’s level must hold LEAD, IMPLEMENT or COOPERATE on the matter. CITY_ADMIN or ' +
    'COUNTY_ADMIN.',
  entityField: 'task',
  entityRef: TaskRef,
  inputFields: (t) => ({
    itemKey: t.string({ required: true, description: 'Key of the matter on the unit’s city’s current list.' }),
    regionCode: t.string({ description: 'Responsible region (county, or the city itself); or give schoolCode.' }),
    schoolCode: t.string({ description: 'Responsible school (学校标识码); or give regionCode.' }),
    title: t.string({ required: true, description: 'Title (任务名称).' }),
    description: t.string({ description: 'What must be rectified (整改内容).' }),
    acceptanceStandard: t.string({ required: true, description: 'What acceptance checks (验收标准).' }),
    startDate: t.field({
      type: 'Date',
      description: 'Start of the schedule; defaults to today (China Standard Time).',
    }),
    deadline: t.field({
      type: 'Date',
      required: true,
      description: 'Last day, inclusive (完成时限); not before the start.',
    }),
  }),
  verb: createRectificationTask,
});

entityMutation<TaskRow, ReportTaskProgressInput>({
  field: 'reportTaskProgress',
  description:
    'Reports progress on a task (报告整改进展): percentage 0–100, note and evidence links. ' +
    'Only the responsible unit (a county also for its schools). 100% puts the task up for ' +
    'acceptance.',
  entityField: 'task',
  entityRef: TaskRef,
  inputFields: (t) => ({
    taskId: taskId(t),
    progress: t.int({ required: true, description: 'Completion, 0–100 (完成百分比).' }),
    note: t.string({ required: true, description: 'What was done (进展说明).' }),
    evidence: t.stringList({ description: 'Links to evidence (佐证材料), http(s), at most 20.' }),
  }),
  verb: reportTaskProgress,
});

entityMutation<TaskRow, AcceptTaskInput>({
  field: 'acceptTask',
  description:
    'Accepts a task reported 100% complete and closes it (验收销号). Only the supervising ' +
    'level of its matter (SUPERVISE on the list; the city when none), within its jurisdiction, ' +
    'never the unit itself.',
  entityField: 'task',
  entityRef: TaskRef,
  inputFields: (t) => ({
    taskId: taskId(t),
    note: t.string({ required: true, description: 'Acceptance remarks (验收意见).' }),
  }),
  verb: acceptTask,
});

entityMutation<TaskRow, RejectTaskInput>({
  field: 'rejectTask',
  description:
    'Rejects a task reported complete (验收不通过): it returns to IN_PROGRESS at the ' +
    'reviewer’s assessed progress. Same reviewers as acceptTask.',
  entityField: 'task',
  entityRef: TaskRef,
  inputFields: (t) => ({
    taskId: taskId(t),
    note: t.string({ required: true, description: 'What is missing (整改意见).' }),
    assessedProgress: t.int({ required: true, description: 'The reviewer’s view of the real completion, 0–99.' }),
  }),
  verb: rejectTask,
});
