import { builder } from '../../../builder.js';
import { bulkUpsertMutation } from '../../shared/graphql/bulkTypes.js';
import { entityMutation } from '../../shared/graphql/payloadTypes.js';
import { EstablishmentRequestKindEnum, StaffCategoryEnum } from './enums.js';
import {
  approveEstablishmentTransfer,
  type ApproveEstablishmentTransferInput,
} from '../services/approveEstablishmentTransfer.js';
import { assignSchoolPosts, type AssignSchoolPostsInput } from '../services/assignSchoolPosts.js';
import { rejectEstablishmentRequest } from '../services/rejectEstablishmentRequest.js';
import {
  submitEstablishmentRequest,
  type SubmitEstablishmentRequestInput,
} from '../services/submitEstablishmentRequest.js';
import { upsertEstablishments } from '../services/upsertEstablishments.js';
import {
  EstablishmentHoldingRef,
  EstablishmentRequestRef,
  EstablishmentTransferRef,
  SchoolEstablishmentRef,
} from './types.js';

const EstablishmentRowInput = builder.inputType('EstablishmentRowInput', {
  description: 'Approved posts of one holder in one category (编制核定), matched by holder and category.',
  fields: (t) => ({
    holderCode: t.string({ required: true, description: 'A county, or the city for its pool (市级周转编制).' }),
    category: t.field({ type: StaffCategoryEnum, required: true, description: 'Staff category.' }),
    approved: t.int({
      required: true,
      description: 'Approved posts, ≥ 0 and ≥ what a county has assigned to schools.',
    }),
  }),
});

bulkUpsertMutation({
  field: 'upsertEstablishments',
  entityName: 'EstablishmentHolding',
  entityRef: EstablishmentHoldingRef,
  rowInput: EstablishmentRowInput,
  description:
    'Sets approved establishment (编制核定) of a city pool and its counties; the only way ' +
    'totals change (transfers conserve them). Idempotent; CITY_ADMIN within jurisdiction.',
  verb: upsertEstablishments,
});

entityMutation<any, SubmitEstablishmentRequestInput>({
  field: 'submitEstablishmentRequest',
  description:
    'A county asks the city for posts or offers surplus posts (县级申报); an offer cannot ' +
    'exceed its unassigned posts.',
  entityField: 'establishmentRequest',
  entityRef: EstablishmentRequestRef,
  inputFields: (t) => ({
    countyCode: t.string({ required: true, description: 'The filing county.' }),
    kind: t.field({ type: EstablishmentRequestKindEnum, required: true, description: 'REQUEST or OFFER.' }),
    category: t.field({ type: StaffCategoryEnum, required: true, description: 'Staff category.' }),
    quantity: t.int({ required: true, description: 'Posts, > 0.' }),
    reason: t.string({ required: true, description: 'Why (申报理由).' }),
  }),
  verb: submitEstablishmentRequest,
});

entityMutation<any, ApproveEstablishmentTransferInput>({
  field: 'approveEstablishmentTransfer',
  description:
    'Approves moving posts between two holders of one city (跨县域编制调剂, 市级统筹): county ' +
    '↔ city pool or county → county, optionally settling a county request and/or offer. Totals ' +
    'are conserved (both holdings locked, one transaction); decided by the level leading ' +
    'STAFFING.QUOTA_ADJUSTMENT (the city by default).',
  entityField: 'transfer',
  entityRef: EstablishmentTransferRef,
  inputFields: (t) => ({
    fromCode: t.string({ required: true, description: 'Giving holder: a county or the city (its pool).' }),
    toCode: t.string({ required: true, description: 'Receiving holder: a county or the city (its pool).' }),
    category: t.field({ type: StaffCategoryEnum, required: true, description: 'Staff category.' }),
    quantity: t.int({ required: true, description: 'Posts to move, > 0.' }),
    reason: t.string({ required: true, description: 'Why (调剂理由).' }),
    establishmentRequestId: t.id({ description: 'The receiving county’s REQUEST this settles, if any.' }),
    establishmentOfferId: t.id({ description: 'The giving county’s OFFER this settles, if any.' }),
  }),
  verb: approveEstablishmentTransfer,
});

entityMutation<any, { establishmentRequestId: string; reason: string }>({
  field: 'rejectEstablishmentRequest',
  description: 'Turns down a county request or offer (不予调剂), by the level leading STAFFING.QUOTA_ADJUSTMENT.',
  entityField: 'establishmentRequest',
  entityRef: EstablishmentRequestRef,
  inputFields: (t) => ({
    establishmentRequestId: t.id({ required: true, description: 'The request or offer.' }),
    reason: t.string({ required: true, description: 'Why (理由).' }),
  }),
  verb: rejectEstablishmentRequest,
});

entityMutation<any, AssignSchoolPostsInput>({
  field: 'assignSchoolPosts',
  description:
    'Assigns posts from the county’s holding to one of its schools (县管校聘), per category ' +
    'and per subject for teaching posts; the county’s assigned total never exceeds its ' +
    'holding. Led by STAFFING.SCHOOL_POST_ASSIGNMENT (the county by default).',
  entityField: 'schoolEstablishment',
  entityRef: SchoolEstablishmentRef,
  inputFields: (t) => ({
    schoolCode: t.string({ required: true, description: 'School identifier (学校标识码).' }),
    category: t.field({ type: StaffCategoryEnum, required: true, description: 'Staff category.' }),
    subject: t.string({ description: 'Subject, for TEACHING posts only (学科).' }),
    approved: t.int({ required: true, description: 'Posts the school holds in this category (and subject), ≥ 0.' }),
  }),
  verb: assignSchoolPosts,
});
