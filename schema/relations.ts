import { defineRelations } from 'drizzle-orm';
import * as tables from './tables.js';

export const relations = defineRelations(tables, (r) => ({
  regions: {
    parent: r.one.regions({ from: r.regions.parentCode, to: r.regions.code, alias: 'region_parent' }),
    children: r.many.regions({ alias: 'region_parent' }),
    schools: r.many.schools({ from: r.regions.code, to: r.schools.countyCode }),
  },
  schools: {
    county: r.one.regions({ from: r.schools.countyCode, to: r.regions.code, optional: false }),
    siteCounty: r.one.regions({ from: r.schools.siteCountyCode, to: r.regions.code }),
    outboundExchanges: r.many.exchangeAssignments({ from: r.schools.id, to: r.exchangeAssignments.sourceSchoolId }),
    inboundExchanges: r.many.exchangeAssignments({ from: r.schools.id, to: r.exchangeAssignments.targetSchoolId }),
    teachers: r.many.teachers({ from: r.schools.id, to: r.teachers.schoolId }),
    // Same rows, unfiltered: the public teacher count uses it so it never collides with the
    // jurisdiction-filtered `teachers` connection in query planning (one SQL statement).
    allTeachers: r.many.teachers({ from: r.schools.id, to: r.teachers.schoolId }),
    ledConsortia: r.many.consortia({ from: r.schools.id, to: r.consortia.leadSchoolId }),
    consortia: r.many.consortia({
      from: r.schools.id.through(r.consortiumMembers.schoolId),
      to: r.consortia.id.through(r.consortiumMembers.consortiumId),
    }),
  },
  consortia: {
    region: r.one.regions({ from: r.consortia.regionCode, to: r.regions.code, optional: false }),
    leadSchool: r.one.schools({ from: r.consortia.leadSchoolId, to: r.schools.id, optional: false }),
    members: r.many.schools({
      from: r.consortia.id.through(r.consortiumMembers.consortiumId),
      to: r.schools.id.through(r.consortiumMembers.schoolId),
    }),
  },
  teachers: {
    school: r.one.schools({ from: r.teachers.schoolId, to: r.schools.id, optional: false }),
    exchangeAssignments: r.many.exchangeAssignments({ from: r.teachers.id, to: r.exchangeAssignments.teacherId }),
    // Unfiltered twin for the public active-exchange count, so it never collides with the
    // jurisdiction-filtered history in query planning.
    allExchangeAssignments: r.many.exchangeAssignments({ from: r.teachers.id, to: r.exchangeAssignments.teacherId }),
  },
  responsibilityLists: {
    region: r.one.regions({ from: r.responsibilityLists.regionCode, to: r.regions.code, optional: false }),
    basedOn: r.one.responsibilityLists({ from: r.responsibilityLists.basedOnId, to: r.responsibilityLists.id, alias: 'list_based_on' }),
    items: r.many.responsibilityItems({ from: r.responsibilityLists.id, to: r.responsibilityItems.listId }),
  },
  responsibilityItems: {
    list: r.one.responsibilityLists({ from: r.responsibilityItems.listId, to: r.responsibilityLists.id, optional: false }),
    assignments: r.many.responsibilityAssignments({ from: r.responsibilityItems.id, to: r.responsibilityAssignments.itemId }),
  },
  rectificationTasks: {
    item: r.one.responsibilityItems({ from: r.rectificationTasks.itemId, to: r.responsibilityItems.id, optional: false }),
    region: r.one.regions({ from: r.rectificationTasks.regionCode, to: r.regions.code, optional: false }),
    school: r.one.schools({ from: r.rectificationTasks.schoolId, to: r.schools.id }),
    reports: r.many.rectificationReports({ from: r.rectificationTasks.id, to: r.rectificationReports.taskId }),
    reviews: r.many.rectificationReviews({ from: r.rectificationTasks.id, to: r.rectificationReviews.taskId }),
  },
  resourcePools: {
    city: r.one.regions({ from: r.resourcePools.cityCode, to: r.regions.code, optional: false }),
    resources: r.many.poolResources({ from: r.resourcePools.id, to: r.poolResources.poolId }),
    requests: r.many.resourceRequests({ from: r.resourcePools.id, to: r.resourceRequests.poolId }),
  },
  poolResources: {
    pool: r.one.resourcePools({ from: r.poolResources.poolId, to: r.resourcePools.id, optional: false }),
    county: r.one.regions({ from: r.poolResources.countyCode, to: r.regions.code, optional: false }),
    school: r.one.schools({ from: r.poolResources.schoolId, to: r.schools.id }),
    allocations: r.many.resourceAllocations({ from: r.poolResources.id, to: r.resourceAllocations.resourceId }),
    offeredTeacher: r.one.teachers({ from: r.poolResources.teacherId, to: r.teachers.id }),
  },
  resourceRequests: {
    pool: r.one.resourcePools({ from: r.resourceRequests.poolId, to: r.resourcePools.id, optional: false }),
    county: r.one.regions({ from: r.resourceRequests.countyCode, to: r.regions.code, optional: false }),
    school: r.one.schools({ from: r.resourceRequests.schoolId, to: r.schools.id }),
    allocations: r.many.resourceAllocations({ from: r.resourceRequests.id, to: r.resourceAllocations.requestId }),
  },
  resourceAllocations: {
    request: r.one.resourceRequests({ from: r.resourceAllocations.requestId, to: r.resourceRequests.id, optional: false }),
    resource: r.one.poolResources({ from: r.resourceAllocations.resourceId, to: r.poolResources.id, optional: false }),
    exchangeAssignment: r.one.exchangeAssignments({ from: r.resourceAllocations.id, to: r.exchangeAssignments.allocationId }),
  },
  evaluationCycles: {
    region: r.one.regions({ from: r.evaluationCycles.regionCode, to: r.regions.code, optional: false }),
    framework: r.one.evaluationFrameworks({ from: r.evaluationCycles.frameworkId, to: r.evaluationFrameworks.id }),
    valueAdded: r.many.valueAddedResults({ from: r.evaluationCycles.id, to: r.valueAddedResults.cycleId }),
  },
  valueAddedResults: {
    cycle: r.one.evaluationCycles({ from: r.valueAddedResults.cycleId, to: r.evaluationCycles.id, optional: false }),
    school: r.one.schools({ from: r.valueAddedResults.schoolId, to: r.schools.id, optional: false }),
  },
  evaluationFrameworks: {
    region: r.one.regions({ from: r.evaluationFrameworks.regionCode, to: r.regions.code, optional: false }),
    indicators: r.many.frameworkIndicators({ from: r.evaluationFrameworks.id, to: r.frameworkIndicators.frameworkId }),
  },
  frameworkIndicators: {
    dimensionInfo: r.one.evaluationDimensions({ from: r.frameworkIndicators.dimension, to: r.evaluationDimensions.code, optional: false }),
  },
  evaluationInvitations: {
    cycle: r.one.evaluationCycles({ from: r.evaluationInvitations.cycleId, to: r.evaluationCycles.id, optional: false }),
    school: r.one.schools({ from: r.evaluationInvitations.schoolId, to: r.schools.id, optional: false }),
  },
  exchangeAssignments: {
    teacher: r.one.teachers({ from: r.exchangeAssignments.teacherId, to: r.teachers.id, optional: false }),
    sourceSchool: r.one.schools({ from: r.exchangeAssignments.sourceSchoolId, to: r.schools.id, optional: false }),
    targetSchool: r.one.schools({ from: r.exchangeAssignments.targetSchoolId, to: r.schools.id, optional: false }),
    sourceCounty: r.one.regions({ from: r.exchangeAssignments.sourceCountyCode, to: r.regions.code, optional: false }),
    targetCounty: r.one.regions({ from: r.exchangeAssignments.targetCountyCode, to: r.regions.code, optional: false }),
    allocation: r.one.resourceAllocations({ from: r.exchangeAssignments.allocationId, to: r.resourceAllocations.id }),
  },
  spendingReports: {
    school: r.one.schools({ from: r.spendingReports.schoolId, to: r.schools.id }),
  },
  enrolmentPlans: {
    region: r.one.regions({ from: r.enrolmentPlans.regionCode, to: r.regions.code, optional: false }),
    basedOn: r.one.enrolmentPlans({ from: r.enrolmentPlans.basedOnId, to: r.enrolmentPlans.id, alias: 'enrolment_plan_based_on' }),
    schools: r.many.enrolmentSchoolPlans({ from: r.enrolmentPlans.id, to: r.enrolmentSchoolPlans.planId }),
  },
  enrolmentSchoolPlans: {
    plan: r.one.enrolmentPlans({ from: r.enrolmentSchoolPlans.planId, to: r.enrolmentPlans.id, optional: false }),
    school: r.one.schools({ from: r.enrolmentSchoolPlans.schoolId, to: r.schools.id, optional: false }),
    allocations: r.many.quotaAllocations({ from: r.enrolmentSchoolPlans.id, to: r.quotaAllocations.schoolPlanId }),
  },
  quotaAllocations: {
    schoolPlan: r.one.enrolmentSchoolPlans({ from: r.quotaAllocations.schoolPlanId, to: r.enrolmentSchoolPlans.id, optional: false }),
    juniorSchool: r.one.schools({ from: r.quotaAllocations.juniorSchoolId, to: r.schools.id, optional: false }),
  },
  enrolmentAdmissions: {
    school: r.one.schools({ from: r.enrolmentAdmissions.schoolId, to: r.schools.id, optional: false }),
    sourceJuniorSchool: r.one.schools({ from: r.enrolmentAdmissions.sourceJuniorSchoolId, to: r.schools.id, optional: false }),
    sourceCounty: r.one.regions({ from: r.enrolmentAdmissions.sourceCountyCode, to: r.regions.code, optional: false }),
  },
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

export type Relations = typeof relations;
