import { builder } from '../../../builder.js';
import { TaskWarningEnum } from './enums.js';
import { regionTaskWarnings, type RegionTaskWarning } from '../regionWarning.js';

const RegionTaskWarningRef = builder.objectRef<RegionTaskWarning>('RegionTaskWarning').implement({
  description: [
    'Warning colour of a region rolled up from its rectification tasks (整改滞后地区预警, the ' +
      'red/yellow/green of seed 004 applied to regions). A region’s tasks are those of its own ' +
      'bureau and its schools; a city’s row holds the city bureau’s and the 市直 schools’ tasks, ' +
      'not its counties’.',
    'Rule: RED (整改滞后, 挂牌督办) when at least one task is RED; YELLOW when none is RED and ' +
      'at least one is YELLOW; GREEN otherwise, also with no tasks.',
    'Tasks awaiting acceptance (100 % reported) and accepted tasks never make a region lag: ' +
      'they are GREEN for the unit and counted in awaitingAcceptance / accepted.',
  ].join('\n'),
  fields: (t) => ({
    regionCode: t.exposeString('regionCode', { description: 'Region code (区划代码).' }),
    regionName: t.exposeString('regionName', { description: 'Region name (区划名称).' }),
    warning: t.field({
      type: TaskWarningEnum,
      description: 'The rolled-up colour (地区预警颜色), by the rule above.',
      resolve: (r) => r.warning,
    }),
    red: t.exposeInt('red', { description: 'Tasks RED now (红色任务数).' }),
    yellow: t.exposeInt('yellow', { description: 'Tasks YELLOW now (黄色任务数).' }),
    green: t.exposeInt('green', { description: 'Tasks IN_PROGRESS and GREEN now (绿色在办任务数).' }),
    open: t.exposeInt('open', { description: 'Tasks IN_PROGRESS: red + yellow + green (在办任务数).' }),
    awaitingAcceptance: t.exposeInt('awaitingAcceptance', {
      description: 'Tasks reported complete, waiting on the supervising level (待验收).',
    }),
    acceptanceOverdue: t.exposeInt('acceptanceOverdue', {
      description: 'Of those, waiting past their deadline: the supervising level’s delay (验收逾期).',
    }),
    accepted: t.exposeInt('accepted', { description: 'Tasks accepted and closed (已销号).' }),
  }),
});

builder.queryFields((t) => ({
  regionTaskWarnings: t.field({
    type: [RegionTaskWarningRef],
    description:
      'Region-level rectification warnings (整改滞后地区): for a county its own row; for a city ' +
      'or province its own row and one per county under it, by code. Computed at request time ' +
      'over the tasks the caller may read; regions outside the caller’s jurisdiction are left ' +
      'out. School admins, portals and anonymous callers get an empty list.',
    args: { regionCode: t.arg.string({ required: true, description: 'A county, city or province code.' }) },
    resolve: (_root, args, ctx) => regionTaskWarnings(ctx.db, ctx.viewer, args.regionCode, new Date()),
  }),
}));
