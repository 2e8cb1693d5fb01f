import { defineRelationsPart } from 'drizzle-orm';
import * as tables from '../../tables.js';

/** Drizzle relations (v2) of the supervision tables; schema/relations.ts combines every domain's part. */
export const supervisionRelations = defineRelationsPart(tables, (r) => ({
  inspections: {
    region: r.one.regions({ from: r.inspections.regionCode, to: r.regions.code, optional: false }),
    inspectors: r.many.inspectionInspectors({ from: r.inspections.id, to: r.inspectionInspectors.inspectionId }),
    findings: r.many.inspectionFindings({ from: r.inspections.id, to: r.inspectionFindings.inspectionId }),
  },
  inspectionFindings: {
    inspection: r.one.inspections({ from: r.inspectionFindings.inspectionId, to: r.inspections.id, optional: false }),
    region: r.one.regions({ from: r.inspectionFindings.regionCode, to: r.regions.code, optional: false }),
    school: r.one.schools({ from: r.inspectionFindings.schoolId, to: r.schools.id }),
    task: r.one.rectificationTasks({ from: r.inspectionFindings.taskId, to: r.rectificationTasks.id }),
  },
  escalations: {
    task: r.one.rectificationTasks({ from: r.escalations.taskId, to: r.rectificationTasks.id, optional: false }),
    region: r.one.regions({ from: r.escalations.regionCode, to: r.regions.code, optional: false }),
  },
  periodReports: {
    period: r.one.reportingPeriods({ from: r.periodReports.periodId, to: r.reportingPeriods.id, optional: false }),
    region: r.one.regions({ from: r.periodReports.regionCode, to: r.regions.code, optional: false }),
    tasks: r.many.periodReportTasks({ from: r.periodReports.id, to: r.periodReportTasks.reportId }),
  },
  periodReportTasks: {
    task: r.one.rectificationTasks({ from: r.periodReportTasks.taskId, to: r.rectificationTasks.id, optional: false }),
  },
  coordinationMeetings: {
    region: r.one.regions({ from: r.coordinationMeetings.regionCode, to: r.regions.code, optional: false }),
    agenda: r.many.meetingAgendaItems({ from: r.coordinationMeetings.id, to: r.meetingAgendaItems.meetingId }),
    decisions: r.many.meetingDecisions({ from: r.coordinationMeetings.id, to: r.meetingDecisions.meetingId }),
  },
  meetingAgendaItems: {
    task: r.one.rectificationTasks({ from: r.meetingAgendaItems.taskId, to: r.rectificationTasks.id }),
    finding: r.one.inspectionFindings({ from: r.meetingAgendaItems.findingId, to: r.inspectionFindings.id }),
    rapidRequest: r.one.rapidRequests({ from: r.meetingAgendaItems.rapidRequestId, to: r.rapidRequests.id }),
  },
  meetingDecisions: {
    task: r.one.rectificationTasks({ from: r.meetingDecisions.taskId, to: r.rectificationTasks.id, optional: false }),
  },
  rapidRequests: {
    region: r.one.regions({ from: r.rapidRequests.regionCode, to: r.regions.code, optional: false }),
  },
}));
