import { builder } from '../../../builder.js';
import { bulkUpsertMutation } from '../../shared/graphql/bulkTypes.js';
import { importStudentScores } from '../services/importStudentScores.js';

const StudentScoreRowInput = builder.inputType('StudentScoreRowInput', {
  description: 'One pseudonymous student record (学生成绩), matched by student key within the cycle.',
  fields: (t) => ({
    studentKey: t.string({
      required: true,
      description: 'Pseudonymous student key (学生匿名编号); never a name or ID number.',
    }),
    schoolCode: t.string({ required: true, description: 'School (学校标识码).' }),
    cohort: t.string({ required: true, description: 'Cohort (届/年级), e.g. 2023级.' }),
    intakeScore: t.float({ required: true, description: 'Intake score within the cycle’s range (入口成绩).' }),
    outcomeScore: t.float({ required: true, description: 'Outcome score within the cycle’s range (出口成绩).' }),
  }),
});

// No entityRef: row results do not echo students' scores back.
bulkUpsertMutation({
  field: 'importStudentScores',
  entityName: 'StudentScore',
  rowInput: StudentScoreRowInput,
  inputFields: (t) => ({ cycleId: t.id({ required: true, description: 'The cycle: global id or row id.' }) }),
  description:
    'Bulk, idempotent import of pseudonymous student scores into an open cycle (导入学生成绩). ' +
    'Every bad row is reported at once; CITY_ADMIN or COUNTY_ADMIN for schools in their ' +
    'jurisdiction. Re-importing changed rows sets a COMPUTED cycle back to OPEN.',
  verb: importStudentScores,
});
