import { builder } from '../../../builder.js';
import { SchoolRef } from '../../organisation/graphql/types.js';
import type { CountyStaffing, SchoolStaffing, SubjectStaffing } from '../report.js';
import { EstablishmentRequestKindEnum, EstablishmentRequestStatusEnum, StaffCategoryEnum } from './enums.js';
import type { establishmentHoldings, schoolEstablishments } from '../table.js';
import type { schools } from '../../organisation/table.js';

export const EstablishmentHoldingRef = builder
  .objectRef<typeof establishmentHoldings.$inferSelect>('EstablishmentHolding')
  .implement({
    description:
      'Approved posts held by a county, or by a city as its pool (核定编制 / 市级周转编制), in one staff category.',
    fields: (t) => ({
      holderCode: t.exposeString('holderCode', { description: 'The county, or the city for its pool.' }),
      category: t.expose('category', { type: StaffCategoryEnum, description: 'Staff category.' }),
      approved: t.exposeInt('approved', { description: 'Approved posts (核定编制数).' }),
    }),
  });

export const SchoolEstablishmentRef = builder
  .objectRef<typeof schoolEstablishments.$inferSelect & { school: typeof schools.$inferSelect }>('SchoolEstablishment')
  .implement({
    description: 'Posts a county assigned to a school (县管校聘), per category and, for teaching posts, per subject.',
    fields: (t) => ({
      school: t.field({ type: SchoolRef, description: 'The school.', resolve: (p) => p.school }),
      category: t.expose('category', { type: StaffCategoryEnum, description: 'Staff category.' }),
      subject: t.string({
        nullable: true,
        description: 'Subject of teaching posts (学科); null for other categories.',
        resolve: (p) => p.subject || null,
      }),
      approved: t.exposeInt('approved', { description: 'Posts assigned.' }),
    }),
  });

export const EstablishmentRequestRef = builder.drizzleNode('establishmentRequests', {
  name: 'EstablishmentRequest',
  description: 'A county’s request for posts or offer of surplus posts (县级申报 → 市级统筹).',
  id: { column: (r) => r.id },
  fields: (t) => ({
    countyCode: t.exposeString('countyCode', { description: 'Filing county.' }),
    kind: t.expose('kind', { type: EstablishmentRequestKindEnum, description: 'REQUEST or OFFER.' }),
    category: t.expose('category', { type: StaffCategoryEnum, description: 'Staff category.' }),
    quantity: t.exposeInt('quantity', { description: 'Posts asked for or offered.' }),
    settledQuantity: t.exposeInt('settledQuantity', { description: 'Posts moved by approved transfers so far.' }),
    reason: t.exposeString('reason', { description: 'Why (申报理由).' }),
    status: t.expose('status', { type: EstablishmentRequestStatusEnum, description: 'Where it stands.' }),
    requestedBy: t.exposeString('requestedBy', { description: 'Who filed it (account).' }),
    decisionNote: t.exposeString('decisionNote', {
      nullable: true,
      description: 'Why it was turned down, when it was.',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'Filed at.' }),
  }),
});

export const EstablishmentTransferRef = builder.drizzleNode('establishmentTransfers', {
  name: 'EstablishmentTransfer',
  description:
    'An approved movement of posts between two holders of one city (跨县域编制调剂); the ledger of adjustments.',
  id: { column: (r) => r.id },
  fields: (t) => ({
    cityCode: t.exposeString('cityCode', { description: 'The city.' }),
    fromCode: t.exposeString('fromCode', { description: 'Giving holder: a county or the city pool.' }),
    toCode: t.exposeString('toCode', { description: 'Receiving holder: a county or the city pool.' }),
    category: t.expose('category', { type: StaffCategoryEnum, description: 'Staff category.' }),
    quantity: t.exposeInt('quantity', { description: 'Posts moved.' }),
    reason: t.exposeString('reason', { description: 'Why (调剂理由).' }),
    approvedBy: t.exposeString('approvedBy', { description: 'Who approved it (account).' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'Approved at.' }),
  }),
});

const SubjectStaffingRef = builder.objectRef<SubjectStaffing>('SubjectStaffing').implement({
  description: 'Teaching posts of one subject at a school: approved vs teachers on the register (学科缺编).',
  fields: (t) => ({
    subject: t.exposeString('subject', { description: 'Subject (学科).' }),
    approved: t.exposeInt('approved', { description: 'Teaching posts assigned for the subject.' }),
    filled: t.exposeInt('filled', { description: 'Teachers on the register whose main subject it is.' }),
    vacancies: t.exposeInt('vacancies', { description: 'max(0, approved − filled) (空编).' }),
    overstaffing: t.exposeInt('overstaffing', { description: 'max(0, filled − approved) (超编).' }),
  }),
});

const CategoryCountRef = builder
  .objectRef<{ category: string; approved: number; assignedToSchools?: number }>('StaffCategoryCount')
  .implement({
    description: 'Posts of one staff category.',
    fields: (t) => ({
      category: t.field({
        type: StaffCategoryEnum,
        description: 'Staff category.',
        resolve: (c) => c.category as never,
      }),
      approved: t.exposeInt('approved', { description: 'Approved posts.' }),
      assignedToSchools: t.int({
        nullable: true,
        description: 'Of these, assigned to schools (county holdings only).',
        resolve: (c) => c.assignedToSchools ?? null,
      }),
    }),
  });

export const SchoolStaffingRef = builder.objectRef<SchoolStaffing>('SchoolStaffing').implement({
  description:
    'A school’s staffing (学校编制): assigned posts vs the standard for its enrolment vs staff on the register.',
  fields: (t) => ({
    school: t.field({ type: SchoolRef, description: 'The school.', resolve: (s) => s.school }),
    approved: t.exposeInt('approved', { description: 'Posts assigned to the school, all categories.' }),
    approvedByCategory: t.field({
      type: [CategoryCountRef],
      description: 'Assigned posts by category.',
      resolve: (s) => s.approvedByCategory,
    }),
    standard: t.exposeInt('standard', {
      nullable: true,
      description:
        'Posts the standard gives: ceil(enrolment ÷ pupils-per-staff of its stage); null for ' +
        'stages without a ratio.',
    }),
    pupilsPerStaff: t.float({
      nullable: true,
      description: 'The ratio applied (setting staffing.pupilsPerStaff*).',
      resolve: (s) => s.ratio,
    }),
    filled: t.exposeInt('filled', { description: 'Staff on the register (教职工数).' }),
    teachersOnRegister: t.exposeInt('teachersOnRegister', { description: 'Teachers in the teacher register.' }),
    vacancies: t.exposeInt('vacancies', { description: 'max(0, approved − filled) (空编).' }),
    overstaffing: t.exposeInt('overstaffing', { description: 'max(0, filled − approved) (超编).' }),
    subjects: t.field({
      type: [SubjectStaffingRef],
      description: 'Teaching posts by subject, with vacancies.',
      resolve: (s) => s.subjects,
    }),
  }),
});

export const CountyStaffingRef = builder.objectRef<CountyStaffing>('CountyStaffing').implement({
  description:
    'A county’s staffing report (县域编制报告): approved vs standard vs filled, and its 县中 ' +
    'with vacancies by subject.',
  fields: (t) => ({
    countyCode: t.exposeString('countyCode', { description: 'The county.' }),
    approved: t.exposeInt('approved', { description: 'Posts the county holds, all categories (核定编制).' }),
    byCategory: t.field({
      type: [CategoryCountRef],
      description: 'Held and assigned posts by category.',
      resolve: (c) => c.heldByCategory,
    }),
    assignedToSchools: t.exposeInt('assignedToSchools', { description: 'Posts assigned to schools (县管校聘).' }),
    standard: t.exposeInt('standard', { description: 'Sum over active schools of their standard posts (按标准应配).' }),
    filled: t.exposeInt('filled', { description: 'Staff on the register of its active schools (实有).' }),
    vacancies: t.exposeInt('vacancies', { description: 'max(0, approved − filled) (空编).' }),
    overstaffing: t.exposeInt('overstaffing', { description: 'max(0, filled − approved) (超编).' }),
    countyHighSchools: t.field({
      type: [SchoolStaffingRef],
      description: 'County high schools (县中) with vacancies by subject.',
      resolve: (c) => c.countyHighSchools,
    }),
  }),
});
