import type { ExchangeAssignment } from './table.js';

/** The record as written to the audit trail: ids and codes, never the teacher's personal data. */
export function auditSnapshot(a: ExchangeAssignment) {
  return {
    id: a.id,
    teacherId: a.teacherId,
    kind: a.kind,
    status: a.status,
    sourceSchoolId: a.sourceSchoolId,
    targetSchoolId: a.targetSchoolId,
    sourceCountyCode: a.sourceCountyCode,
    targetCountyCode: a.targetCountyCode,
    startDate: a.startDate,
    endDate: a.endDate,
    endedOn: a.endedOn,
    weeklyHours: a.weeklyHours,
    subject: a.subject,
    approvalLevel: a.approvalLevel,
    decisionNote: a.decisionNote,
    cancelReason: a.cancelReason,
    allocationId: a.allocationId,
  };
}
