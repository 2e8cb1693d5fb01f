import { builder } from '../../../builder.js';

export const StaffCategoryEnum = builder.enumType('StaffCategory', {
  description: 'Staff category of an establishment post (编制岗位类别).',
  values: {
    TEACHING: { description: 'Full-time teachers (专任教师), assigned to schools per subject.' },
    ADMINISTRATIVE: { description: 'Management posts (管理岗位).' },
    SUPPORT: { description: 'Teaching-support posts (教辅岗位): lab, library, IT.' },
    WORKER: { description: 'Service workers (工勤岗位).' },
  },
});

export const EstablishmentRequestKindEnum = builder.enumType('EstablishmentRequestKind', {
  description: 'What a county files with the city (县级申报).',
  values: {
    REQUEST: { description: 'Asks for posts (申请增编).' },
    OFFER: { description: 'Offers surplus posts for adjustment (富余编制调出).' },
  },
});

export const EstablishmentRequestStatusEnum = builder.enumType('EstablishmentRequestStatus', {
  description: 'Where a county request or offer stands.',
  values: {
    SUBMITTED: { description: 'Filed, nothing settled yet (已申报).' },
    PARTLY_SETTLED: { description: 'Some posts moved by approved transfers (部分调剂).' },
    SETTLED: { description: 'All posts moved (已调剂).' },
    REJECTED: { description: 'Turned down by the deciding level (不予调剂).' },
  },
});
