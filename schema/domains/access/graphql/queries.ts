import { builder } from '../../../builder.js';
import type { Viewer } from '../viewer.js';

const ViewerRoleEnum = builder.enumType('ViewerRole', {
  description: 'Role of the caller (调用者角色).',
  values: {
    CITY_ADMIN: { description: 'City education bureau (市教育局).' },
    COUNTY_ADMIN: { description: 'County education bureau (县教育局).' },
    SCHOOL_ADMIN: { description: 'School administrator (学校).' },
    EVALUATOR: { description: 'Inspector or social evaluator (督导/社会评价).' },
    PORTAL: { description: 'Read-only third-party portal key (门户, 只读公开数据).' },
    ANONYMOUS: { description: 'No token (匿名).' },
    SYSTEM: { description: 'Internal maintenance (系统).' },
  },
});

const ViewerRef = builder.objectRef<Viewer>('Viewer').implement({
  description: 'Who the caller is (当前调用者): role, jurisdiction and scopes.',
  fields: (t) => ({
    actor: t.exposeString('actor', { description: 'Actor id as written to the audit trail.' }),
    kind: t.exposeString('kind', { description: 'anonymous, user or apiKey.' }),
    role: t.field({ type: ViewerRoleEnum, description: 'Role (角色).', resolve: (v) => v.role }),
    regionCode: t.exposeString('regionCode', { nullable: true, description: 'Root of the jurisdiction (管辖区划).' }),
    schoolCode: t.exposeString('schoolCode', { nullable: true, description: 'School, for SCHOOL_ADMIN.' }),
    scopes: t.stringList({ description: 'read, write, personal, sync.', resolve: (v) => [...v.scopes].sort() }),
  }),
});

builder.queryField('viewer', (t) =>
  t.field({ type: ViewerRef, description: 'The caller (当前调用者).', resolve: (_r, _a, ctx) => ctx.viewer }),
);
