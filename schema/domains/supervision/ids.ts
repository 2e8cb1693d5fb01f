import { globalIdOf } from '../shared/ids.js';

/** Node types of this domain; their ids are decoded with shared/ids.ts. */
export const INSPECTION_TYPE = 'Inspection';
export const FINDING_TYPE = 'InspectionFinding';
export const ESCALATION_TYPE = 'Escalation';
export const PERIOD_TYPE = 'ReportingPeriod';
export const MEETING_TYPE = 'CoordinationMeeting';
export const RAPID_REQUEST_TYPE = 'RapidResponseRequest';

export const inspectionGlobalId = (id: number) => globalIdOf(INSPECTION_TYPE, id);
export const findingGlobalId = (id: number) => globalIdOf(FINDING_TYPE, id);
export const escalationGlobalId = (id: number) => globalIdOf(ESCALATION_TYPE, id);
export const periodGlobalId = (id: number) => globalIdOf(PERIOD_TYPE, id);
export const meetingGlobalId = (id: number) => globalIdOf(MEETING_TYPE, id);
export const rapidRequestGlobalId = (id: number) => globalIdOf(RAPID_REQUEST_TYPE, id);

/** A rectification task's global id (the responsibility domain's type), for calling its services. */
export const taskGlobal = (id: number) => globalIdOf('RectificationTask', id);

/** A coordination meeting's natural key in the audit trail. */
export const meetingKey = (m: { id: number }) => `meeting:${m.id}`;
