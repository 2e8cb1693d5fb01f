import { readFileSync } from 'node:fs';
import {
  buildSchema,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { fieldZh } from './problems.js';
import type { Cell, Kind, Row } from './kinds.js';

export interface RowProblem {
  code: 'REQUIRED' | 'VALIDATION' | 'DUPLICATE';
  field: string;
  message: string;
  messageZh: string;
}

let schemaCache: GraphQLSchema | null = null;

/**
 * Checks a row against the mutation's row input type before it is sent. GraphQL rejects a whole
 * request when one variable is malformed (a word in an Int column, an unknown enum value, a
 * missing required field), so such rows are reported here, each problem with its field, in
 * plain words, and not sent. Rules beyond types (code formats, references) are the server's.
 */
export function rowProblems(kind: Kind, row: Row): RowProblem[] {
  schemaCache ??= buildSchema(readFileSync(new URL('../../../schema/schema.graphql', import.meta.url), 'utf8'));
  const type = schemaCache.getType(kind.inputType);
  if (!isInputObjectType(type)) throw new Error(`${kind.inputType} is not in the schema`);
  const fields = type.getFields();
  const problems: RowProblem[] = [];
  for (const name of Object.keys(row)) {
    if (!fields[name]) {
      problems.push({
        code: 'VALIDATION',
        field: name,
        message: `${name} is not a field of ${kind.label}; known fields: ${Object.keys(fields).join(', ')}.`,
        messageZh: `未知字段「${name}」`,
      });
    }
  }
  for (const field of Object.values(fields)) {
    const value = row[field.name];
    if (value === undefined || value === null) {
      if (isNonNullType(field.type)) {
        problems.push({
          code: 'REQUIRED',
          field: field.name,
          message: `${field.name} is required.`,
          messageZh: `缺少必填项${fieldZh(field.name)}`,
        });
      }
      continue;
    }
    const problem = valueProblem(getNullableType(field.type) as GraphQLInputType, value);
    if (problem)
      problems.push({
        code: 'VALIDATION',
        field: field.name,
        message: `${field.name} ${problem.en}.`,
        messageZh: `${fieldZh(field.name)}${problem.zh}`,
      });
  }
  return problems;
}

function valueProblem(type: GraphQLInputType, value: Cell): { en: string; zh: string } | null {
  const shown = JSON.stringify(value);
  if (isListType(type)) {
    if (!Array.isArray(value)) return { en: `must be a list (got ${shown})`, zh: `应为列表，实际为 ${shown}` };
    for (const item of value) {
      const p = valueProblem(getNullableType(type.ofType) as GraphQLInputType, item);
      if (p) return p;
    }
    return null;
  }
  if (isEnumType(type)) {
    const allowed = type.getValues().map((v) => v.name);
    return typeof value === 'string' && allowed.includes(value)
      ? null
      : {
          en: `must be one of ${allowed.join(', ')} (got ${shown})`,
          zh: `应为 ${allowed.join('、')} 之一，实际为 ${shown}`,
        };
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'Int':
        return Number.isInteger(value) && Math.abs(value as number) <= 2 ** 31 - 1
          ? null
          : { en: `must be a whole number (got ${shown})`, zh: `应为整数，实际为 ${shown}` };
      case 'Float':
        return typeof value === 'number' && Number.isFinite(value)
          ? null
          : { en: `must be a number (got ${shown})`, zh: `应为数字，实际为 ${shown}` };
      case 'Boolean':
        return typeof value === 'boolean'
          ? null
          : { en: `must be true or false (got ${shown})`, zh: `应为 是/否（true/false），实际为 ${shown}` };
      default:
        return typeof value === 'string'
          ? null
          : { en: `must be text (got ${shown})`, zh: `应为文本，实际为 ${shown}` };
    }
  }
  return { en: `must be ${type.toString()}`, zh: `类型不正确` };
}
