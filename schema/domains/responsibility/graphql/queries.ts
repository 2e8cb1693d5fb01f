import { connectionOf } from '../../shared/graphql/connectionTypes.js';
import { sql } from 'drizzle-orm';
import { builder } from '../../../builder.js';
import { ResponsibilityListStatusEnum, RectificationStatusEnum, TaskWarningEnum } from './enums.js';
import { listCondition, taskCondition } from '../filters.js';
import { rowIdOf } from '../../shared/ids.js';
import { LIST_TYPE } from '../ids.js';
import { rectificationTasks, responsibilityLists } from '../table.js';
import { nodeReadRule } from '../../shared/graphql/nodeTypes.js';
import { TaskRef } from './taskTypes.js';
import { ListRef } from './types.js';

const TaskFilterInput = builder.inputType('RectificationTaskFilter', {
  description:
    'Filter for rectification tasks (整改任务筛选). All given conditions must hold; results ' +
    'never leave the caller’s jurisdiction.',
  fields: (t) => ({
    warning: t.field({
      type: [TaskWarningEnum],
      description: 'Any of these warning colours, as of now (see TaskWarning for the rule).',
    }),
    regionCode: t.string({ description: 'Tasks of units in this region (a county also covers its schools).' }),
    schoolCode: t.string({ description: 'Tasks of this school.' }),
    overdue: t.boolean({ description: 'Only overdue (true) or only not overdue (false) tasks.' }),
    itemKey: t.string({ description: 'Tasks on this matter, across list versions (事项编码).' }),
    status: t.field({ type: [RectificationStatusEnum], description: 'Any of these statuses.' }),
  }),
});

builder.queryFields((t) => ({
  responsibilityLists: t.drizzleConnection(
    {
      type: 'responsibilityLists',
      description:
        'Versions of the responsibility list (权责清单) of the city governing a region, newest ' +
        'first. A county code gives its city’s lists. Drafts appear only to that city’s admins.',
      args: {
        regionCode: t.arg.string({ required: true, description: 'A city code, or a county code (its city’s lists).' }),
        status: t.arg({ type: [ResponsibilityListStatusEnum], description: 'Any of these statuses.' }),
        year: t.arg.int({ description: 'Only versions of this year.' }),
      },
      totalCount: (_parent, args, ctx) =>
        ctx.db.$count(responsibilityLists, listCondition(ctx.viewer, args)(responsibilityLists)),
      resolve: async (query, _root, args, ctx) => {
        const condition = listCondition(ctx.viewer, args);
        return ctx.db.query.responsibilityLists.findMany(
          query({ where: { RAW: (l) => condition(l) ?? sql`true` }, orderBy: { year: 'desc', sequence: 'desc' } }),
        );
      },
    },
    connectionOf(ListRef),
  ),

  responsibilityList: t.drizzleField({
    type: 'responsibilityLists',
    nullable: true,
    description:
      'One list version by global id (权责清单); null when it does not exist or the caller may ' +
      'not see it (drafts).',
    args: { id: t.arg.id({ required: true, description: 'Global id of the list.' }) },
    // A malformed id is a UserError: server/formatError.ts gives it its code and path.
    resolve: async (query, _root, args, ctx) => {
      const id = rowIdOf(String(args.id), LIST_TYPE, ['id']);
      const visible = listCondition(ctx.viewer, {});
      return ctx.db.query.responsibilityLists.findFirst(query({ where: { id, RAW: (l) => visible(l) ?? sql`true` } }));
    },
  }),

  currentResponsibilityList: t.drizzleField({
    type: 'responsibilityLists',
    nullable: true,
    description:
      'The currently published list (现行权责清单) of the city governing a region; null before ' +
      'the first publication.',
    args: { regionCode: t.arg.string({ required: true, description: 'A city or county code.' }) },
    resolve: async (query, _root, args, ctx) => {
      const visible = listCondition(ctx.viewer, { regionCode: args.regionCode, status: ['PUBLISHED'] });
      return ctx.db.query.responsibilityLists.findFirst(query({ where: { RAW: (l) => visible(l) ?? sql`true` } }));
    },
  }),

  rectificationTasks: t.drizzleConnection(
    {
      type: 'rectificationTasks',
      description:
        'Rectification tasks (整改任务) in the caller’s jurisdiction, by deadline. Filter by ' +
        'warning colour (红黄绿预警, computed at request time), region, school, overdue, matter or ' +
        'status. Portals and anonymous callers see none.',
      args: { filter: t.arg({ type: TaskFilterInput }) },
      totalCount: (_parent, args, ctx) =>
        ctx.db.$count(rectificationTasks, taskCondition(ctx.viewer, args.filter, new Date())(rectificationTasks)),
      resolve: async (query, _root, args, ctx) => {
        const condition = taskCondition(ctx.viewer, args.filter, new Date());
        return ctx.db.query.rectificationTasks.findMany(
          query({ where: { RAW: (task) => condition(task) ?? sql`true` }, orderBy: { deadline: 'asc', id: 'asc' } }),
        );
      },
    },
    connectionOf(TaskRef),
  ),
}));

nodeReadRule('ResponsibilityList', {
  table: 'responsibilityLists',
  key: 'id',
  visible: (ctx) => listCondition(ctx.viewer, {}),
});
nodeReadRule('RectificationTask', {
  table: 'rectificationTasks',
  key: 'id',
  visible: (ctx) => taskCondition(ctx.viewer, null, new Date()),
});
