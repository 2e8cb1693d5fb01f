import { bulkUpsertMutation } from '../../shared/graphql/bulkTypes.js';
import { entityMutation } from '../../shared/graphql/payloadTypes.js';
import { designateWeakSchool, type DesignateWeakSchoolInput } from '../services/designateWeakSchool.js';
import type { schools } from '../table.js';
import { ConsortiumRowInput, RegionRowInput, SchoolRowInput, TeacherRowInput } from './inputs.js';
import { upsertConsortia } from '../services/upsertConsortia.js';
import { upsertRegions } from '../services/upsertRegions.js';
import { upsertSchools } from '../services/upsertSchools.js';
import { upsertTeachers } from '../services/upsertTeachers.js';
import { ConsortiumRef, RegionRef, SchoolRef, TeacherRef } from './types.js';

bulkUpsertMutation({
  field: 'upsertRegions',
  entityName: 'Region',
  entityRef: RegionRef,
  rowInput: RegionRowInput,
  description:
    'Create or update regions by GB/T 2260 code (批量导入行政区划). Idempotent; parents must ' +
    'exist or be in the batch. CITY_ADMIN within its jurisdiction.',
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
    'Create or update consortia (批量维护教育共同体) by code, replacing member lists. ' +
    'Cross-county consortia belong to the city.',
  verb: upsertConsortia,
});

entityMutation<typeof schools.$inferSelect, DesignateWeakSchoolInput>({
  field: 'designateWeakSchool',
  description:
    'Flags a school as a weak school (薄弱学校认定) or lifts the flag. The running region ' +
    'decides: the school’s county bureau, or the city for a 市直 school. Audited as a School ' +
    'change. The exchange statistics count flows to weak schools (strongToWeak, ' +
    'backboneToWeak) by this flag.',
  entityField: 'school',
  entityRef: SchoolRef,
  inputFields: (t) => ({
    schoolCode: t.string({ required: true, description: 'The school (学校标识码).' }),
    weak: t.boolean({
      required: true,
      description: 'true: designate as weak (认定为薄弱学校); false: lift the designation.',
    }),
  }),
  verb: designateWeakSchool,
});
