import { z } from 'zod';
import { REGION_CODE, SCHOOL_CODE } from '../organisation/codes.js';
import { REQUIRED_MESSAGE } from '../shared/zodErrors.js';

export const requiredText = (max: number) =>
  z.string().trim().min(1, { message: REQUIRED_MESSAGE, abort: true }).max(max);
export const schoolCode = z.string().trim().regex(SCHOOL_CODE, 'must be a 10-digit school identifier (学校标识码)');
export const regionCode = z.string().trim().regex(REGION_CODE, 'must be a 6-digit GB/T 2260 code');
export const places = z.number().int().min(0).max(100_000);
export const year = z.number().int().min(2000).max(2100);
export const stage = z.enum(['SENIOR', 'JUNIOR']);
export const percent = z.number().int().min(0).max(100);
