import { globalIdOf } from '../shared/ids.js';

/** Node types of this domain; their ids are decoded with shared/ids.ts. */
export const LIST_TYPE = 'ResponsibilityList';
export const TASK_TYPE = 'RectificationTask';

export const listGlobalId = (id: number) => globalIdOf(LIST_TYPE, id);
export const taskGlobalId = (id: number) => globalIdOf(TASK_TYPE, id);
