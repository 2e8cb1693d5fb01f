import { builder } from '../../../builder.js';
import type { USER_ERROR_CODES, UserError } from '../../../errors.js';

export const UserErrorCodeEnum = builder.enumType('UserErrorCode', {
  description: 'Stable machine-readable reason of an expected failure (错误代码). Switch on this, not on the message.',
  values: {
    VALIDATION: { description: 'A value is malformed or out of range (格式或取值错误).' },
    REQUIRED: { description: 'A required value is missing (缺少必填项).' },
    DUPLICATE: { description: 'The same natural key appears twice in one batch (批内重复).' },
    NOT_FOUND: { description: 'A referenced record does not exist (引用对象不存在).' },
    INVALID_PARENT: { description: 'The parent implied by a code does not exist (上级区划不存在).' },
    FORBIDDEN: { description: 'Outside the caller’s role or jurisdiction (无权限或超出管辖范围).' },
    UNAUTHENTICATED: { description: 'A token is required (需要登录).' },
    CONFLICT: { description: 'Conflicts with the current state of other data (数据冲突).' },
    INVALID_STATE: { description: 'Not allowed in the record’s current status (状态不允许).' },
    OVER_CAPACITY: { description: 'Would exceed a capacity (超出容量).' },
    NOT_ELIGIBLE: {
      description:
        'Does not meet an eligibility rule the region enforces, e.g. years at the current school ' +
        'for exchange (不符合条件).',
    },
    LIMIT_EXCEEDED: { description: 'A size or rate limit was exceeded (超出限制).' },
    RESPONSIBILITY_OVERLAP: {
      description: 'A responsibility item has more than one leading level (权责交叉); the message names the ' + 'item.',
    },
    RESPONSIBILITY_GAP: {
      description: 'A responsibility item has no leading level (责任真空); the message names the item.',
    },
  } satisfies Record<(typeof USER_ERROR_CODES)[number], { description: string }>,
});

export const UserErrorRef = builder.objectRef<UserError>('UserError').implement({
  description:
    'An expected failure of a mutation, reported as data (业务错误). `path` leads from the ' +
    'mutation arguments to the offending field, e.g. ["input","rows","3","code"].',
  fields: (t) => ({
    code: t.field({
      type: UserErrorCodeEnum,
      description: 'Stable reason code; switch on this.',
      resolve: (e) => e.code,
    }),
    message: t.exposeString('message', { description: 'Human-readable explanation (English).' }),
    path: t.stringList({
      description: 'Argument path to the offending field; empty when the error concerns the whole call.',
      resolve: (e) => e.path.map(String),
    }),
  }),
});
