import { builder } from '../../../builder.js';
import { entityMutation } from '../../shared/graphql/payloadTypes.js';
import { EvaluationDimensionEnum, EvaluationPartyEnum } from './enums.js';
import { EvaluationFrameworkRef, EvaluationInvitationRef } from './frameworkTypes.js';
import {
  createEvaluationFramework,
  type CreateEvaluationFrameworkInput,
} from '../services/createEvaluationFramework.js';
import type { Invitation } from '../invitations.js';
import { inviteEvaluators, type InviteEvaluatorsInput } from '../services/inviteEvaluators.js';
import { submitEvaluation, type SubmitEvaluationInput } from '../services/submitEvaluation.js';
import type { evaluationFrameworks } from '../table.js';

// Multi-party evaluation (多元评价): frameworks, invitations, submissions.

const PartyWeightsInput = builder.inputType('PartyWeightsInput', {
  description: 'Weights of the three parties (评价主体权重); at least one positive.',
  fields: (t) => ({
    cityInspection: t.float({ required: true, description: 'City inspection (市级监督).' }),
    countySelf: t.float({ required: true, description: 'County self-evaluation (县级自评).' }),
    social: t.float({ required: true, description: 'Social evaluation (社会参与).' }),
  }),
});
const IndicatorInput = builder.inputType('EvaluationIndicatorInput', {
  description: 'One indicator of a framework (评价指标).',
  fields: (t) => ({
    code: t.string({ required: true, description: 'Code, unique in the framework.' }),
    name: t.string({ required: true, description: 'Name (指标名称).' }),
    dimension: t.field({
      type: EvaluationDimensionEnum,
      required: false,
      description:
        'One of the four reform dimensions (维度), kept for existing clients; give dimensionCode ' +
        'for any dimension of the catalogue. One of the two is required.',
    }),
    dimensionCode: t.string({
      required: false,
      description:
        'Code of a dimension of the catalogue (evaluationDimensions), e.g. CURRICULUM (课程教学) ' +
        'of the national school-quality guides.',
    }),
    weight: t.float({ required: true, description: 'Relative weight (> 0).' }),
    maxScore: t.float({ required: true, description: 'Highest score (满分, > 0).' }),
  }),
});

entityMutation<typeof evaluationFrameworks.$inferSelect, CreateEvaluationFrameworkInput>({
  field: 'createEvaluationFramework',
  description: 'Defines a multi-party evaluation framework (创建多元评价指标体系). CITY_ADMIN; audited.',
  entityField: 'framework',
  entityRef: EvaluationFrameworkRef,
  inputFields: (t) => ({
    regionCode: t.string({ required: true, description: 'Region (usually the city).' }),
    name: t.string({ required: true, description: 'Name (名称).' }),
    partyWeights: t.field({ type: PartyWeightsInput, required: true, description: 'Party weights (主体权重).' }),
    indicators: t.field({ type: [IndicatorInput], required: true, description: 'Indicators in order (指标).' }),
  }),
  verb: createEvaluationFramework,
});

const InvitationInput = builder.inputType('EvaluationInvitationInput', {
  description: 'One invitation (评价邀请).',
  fields: (t) => ({
    schoolCode: t.string({ required: true, description: 'School to evaluate.' }),
    party: t.field({ type: EvaluationPartyEnum, required: true, description: 'Party.' }),
    evaluatorSubject: t.string({
      description:
        'Sign-in subject of the evaluator; required unless COUNTY_SELF (answered by the county ' + 'bureau).',
    }),
    evaluatorName: t.string({ description: 'Display name of the evaluator (评价人).' }),
  }),
});
const InvitationsRef = builder.objectRef<{ invitations: Invitation[] }>('EvaluationInvitations').implement({
  description: 'Invitations created together (本次邀请).',
  fields: (t) => ({
    invitations: t.field({
      type: [EvaluationInvitationRef],
      description: 'The invitations.',
      resolve: (r) => r.invitations as never,
    }),
  }),
});

entityMutation<{ invitations: Invitation[] }, InviteEvaluatorsInput>({
  field: 'inviteEvaluators',
  description: 'Invites evaluators to assess schools in a cycle (邀请评价). CITY_ADMIN; the cycle needs a framework.',
  entityField: 'result',
  entityRef: InvitationsRef,
  inputFields: (t) => ({
    cycleId: t.id({ required: true, description: 'The cycle: global id or row id.' }),
    invitations: t.field({ type: [InvitationInput], required: true, description: 'Invitations to create.' }),
  }),
  verb: inviteEvaluators,
});

const ScoreInput = builder.inputType('IndicatorScoreInput', {
  description: 'A score for one indicator (指标得分).',
  fields: (t) => ({
    indicatorCode: t.string({ required: true, description: 'Indicator code.' }),
    score: t.float({ required: true, description: 'Score within 0…maxScore.' }),
  }),
});

entityMutation<Invitation, SubmitEvaluationInput>({
  field: 'submitEvaluation',
  description:
    'Submits (or, while open, replaces) an invited evaluation (提交评价): one score per ' +
    'indicator, in range. Only the invitee.',
  entityField: 'invitation',
  entityRef: EvaluationInvitationRef,
  inputFields: (t) => ({
    invitationId: t.id({ required: true, description: 'The invitation: global id or row id.' }),
    scores: t.field({ type: [ScoreInput], required: true, description: 'One score per indicator.' }),
    comment: t.string({ description: 'Remarks (评语).' }),
  }),
  verb: submitEvaluation,
});
