import { defineRelationsPart } from 'drizzle-orm';
import * as tables from '../../tables.js';

/** Drizzle relations (v2) of the organisation tables; schema/relations.ts combines every domain's part. */
export const organisationRelations = defineRelationsPart(tables, (r) => ({
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
}));
