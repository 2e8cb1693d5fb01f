import { bulkUpsertMutation } from '../shared/bulkTypes.js';
import { ConsortiumRowInput, RegionRowInput, SchoolRowInput, TeacherRowInput } from './inputs.js';
import { upsertConsortia } from './services/upsertConsortia.js';
import { upsertRegions } from './services/upsertRegions.js';
import { upsertSchools } from './services/upsertSchools.js';
import { upsertTeachers } from './services/upsertTeachers.js';
import { ConsortiumRef, RegionRef, SchoolRef, TeacherRef } from './types.js';

bulkUpsertMutation({
  field: 'upsertRegions',
  entityName: 'Region',
  entityRef: RegionRef,
  rowInput: RegionRowInput,
  description:
    'Create or update regions by GB/T 2260 code (批量导入行政区划). Idempotent; parents must exist or be in the batch. CITY_ADMIN within its jurisdiction.',
  verb: upsertRegions,
});

bulkUpsertMutation({
  field: 'upsertSchools',
  entityName: 'School',
  entityRef: SchoolRef,
  rowInput: SchoolRowInput,
  description:
    'Create or update schools by 学校标识码 (批量导入学校). Idempotent; CITY_ADMIN or COUNTY_ADMIN within its jurisdiction.',
  verb: upsertSchools,
});

bulkUpsertMutation({
  field: 'upsertTeachers',
  entityName: 'Teacher',
  entityRef: TeacherRef,
  rowInput: TeacherRowInput,
  description:
    'Create or update teachers by staff number (批量导入教师). Idempotent; moving a teacher needs rights over both schools.',
  verb: upsertTeachers,
});

bulkUpsertMutation({
  field: 'upsertConsortia',
  entityName: 'Consortium',
  entityRef: ConsortiumRef,
  rowInput: ConsortiumRowInput,
  description:
    'Create or update consortia (批量维护教育共同体) by code, replacing member lists. Cross-county consortia belong to the city.',
  verb: upsertConsortia,
});
