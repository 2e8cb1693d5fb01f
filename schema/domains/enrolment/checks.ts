/**
 * The checks of a school's enrolment against the plan (招生检查), each RED / YELLOW / GREEN:
 *
 * - BOUNDARY (跨县招生/掐尖): pupils admitted from junior schools of counties outside the
 *   school's boundary. Any such pupil is RED when the policy forbids cross-county admission,
 *   YELLOW when it allows it (reported for attention); none is GREEN.
 * - PLAN_EXCEEDED (超计划招生): more pupils admitted in total than planned places is RED; the
 *   total within the plan but a category (统招, 指标到校, 特长) over its places is YELLOW.
 * - QUOTA_SHARE (指标到校比例): only for 示范性高中. Quota places below the policy's least share of
 *   the school's places is RED (integer test: quota × 100 < share × total); at or above the
 *   share but the quota not (or no longer) allocated to junior schools in full is YELLOW. A
 *   school that is not 示范性 is GREEN.
 *
 * A school's status is the worst of its checks.
 */
export type CheckStatus = 'RED' | 'YELLOW' | 'GREEN';
export type CheckKind = 'BOUNDARY' | 'PLAN_EXCEEDED' | 'QUOTA_SHARE';
export type Category = 'UNIFIED' | 'QUOTA' | 'SPECIALTY';

export interface CheckInput {
  policy: { quotaShareMinPercent: number; crossCountyAllowed: boolean };
  line: {
    demonstration: boolean;
    allowedCountyCodes: string[];
    unifiedPlaces: number;
    quotaPlaces: number;
    specialtyPlaces: number;
  };
  /** Sum of the places allocated to junior schools. */
  allocated: number;
  admissions: { sourceCountyCode: string; category: Category; count: number }[];
}

export interface CheckItem {
  kind: CheckKind;
  status: CheckStatus;
  message: string;
}

export interface SchoolCheck {
  status: CheckStatus;
  items: CheckItem[];
  planned: number;
  admitted: number;
  outsideBoundary: number;
  /** Counties outside the boundary that pupils came from, sorted. */
  outsideCounties: string[];
}

const RANK: Record<CheckStatus, number> = { GREEN: 0, YELLOW: 1, RED: 2 };

export function worst(statuses: CheckStatus[]): CheckStatus {
  return statuses.reduce<CheckStatus>((w, s) => (RANK[s] > RANK[w] ? s : w), 'GREEN');
}

export function checkSchool({ policy, line, allocated, admissions }: CheckInput): SchoolCheck {
  const planned = line.unifiedPlaces + line.quotaPlaces + line.specialtyPlaces;
  const admitted = admissions.reduce((sum, a) => sum + a.count, 0);
  const allowed = new Set(line.allowedCountyCodes);
  const outside = admissions.filter((a) => a.count > 0 && !allowed.has(a.sourceCountyCode));
  const outsideBoundary = outside.reduce((sum, a) => sum + a.count, 0);
  const outsideCounties = [...new Set(outside.map((a) => a.sourceCountyCode))].sort();

  const boundary: CheckItem = outsideBoundary
    ? {
        kind: 'BOUNDARY',
        status: policy.crossCountyAllowed ? 'YELLOW' : 'RED',
        message: `${outsideBoundary} admitted from outside the boundary (${outsideCounties.join(', ')})${policy.crossCountyAllowed ? '' : '; the policy forbids cross-county admission'}.`,
      }
    : { kind: 'BOUNDARY', status: 'GREEN', message: 'Every admission is from inside the boundary.' };

  const byCategory = (c: Category) => admissions.filter((a) => a.category === c).reduce((sum, a) => sum + a.count, 0);
  const over = (
    [
      ['UNIFIED', line.unifiedPlaces],
      ['QUOTA', line.quotaPlaces],
      ['SPECIALTY', line.specialtyPlaces],
    ] as const
  ).filter(([c, places]) => byCategory(c) > places);
  const plan: CheckItem =
    admitted > planned
      ? { kind: 'PLAN_EXCEEDED', status: 'RED', message: `${admitted} admitted against ${planned} planned places.` }
      : over.length
        ? {
            kind: 'PLAN_EXCEEDED',
            status: 'YELLOW',
            message: `Within the total, but over the places of ${over.map(([c]) => c).join(', ')}.`,
          }
        : {
            kind: 'PLAN_EXCEEDED',
            status: 'GREEN',
            message: `${admitted} admitted against ${planned} planned places.`,
          };

  let share: CheckItem;
  if (!line.demonstration)
    share = { kind: 'QUOTA_SHARE', status: 'GREEN', message: 'Not a 示范性高中: no least share applies.' };
  else if (line.quotaPlaces * 100 < policy.quotaShareMinPercent * planned) {
    share = {
      kind: 'QUOTA_SHARE',
      status: 'RED',
      message: `${line.quotaPlaces} of ${planned} places are 指标到校, below the policy's ${policy.quotaShareMinPercent} %.`,
    };
  } else if (allocated !== line.quotaPlaces) {
    share = {
      kind: 'QUOTA_SHARE',
      status: 'YELLOW',
      message: `${allocated} of ${line.quotaPlaces} 指标到校 places are allocated to junior schools.`,
    };
  } else
    share = {
      kind: 'QUOTA_SHARE',
      status: 'GREEN',
      message: `${line.quotaPlaces} of ${planned} places are 指标到校, allocated in full.`,
    };

  const items = [boundary, plan, share];
  return { status: worst(items.map((i) => i.status)), items, planned, admitted, outsideBoundary, outsideCounties };
}
