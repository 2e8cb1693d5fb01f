import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../context.js';
import { fail } from '../../errors.js';
import { regions } from '../organisation/table.js';
import { ASSESSMENT_ITEMS, RECOGNITION_ITEM, type AssessmentItem, type AssessmentPart } from './assessmentCatalogue.js';
import { countyAssessmentItems } from './balanceTable.js';
import { BALANCE_STAGES, RECOGNITION_MINIMUM } from './catalogue.js';
import { balanceVerdicts, type BalanceVerdict } from './balanceReport.js';

export interface ItemStatus {
  item: AssessmentItem;
  recorded: boolean;
  met: boolean;
  surveyRate: string | null;
  evidence: string[];
  note: string | null;
}
export interface PartResult {
  part: AssessmentPart;
  items: ItemStatus[];
  metCount: number;
  total: number;
  allMet: boolean;
}
export interface BalanceReadiness {
  countyCode: string;
  countyName: string;
  year: number;
  resourceAllocation: BalanceVerdict[];
  resourceAllocationMet: boolean;
  governmentGuarantee: PartResult;
  educationQuality: PartResult;
  socialRecognition: PartResult;
  surveyRate: string | null;
  ready: boolean;
}

/**
 * A county's 优质均衡 readiness for a year: the four parts of 教督〔2017〕6号 side by side —
 * resource allocation (both stages, national verdicts), the 15 政府保障程度 and 9 教育质量
 * items (every one must be met; an unrecorded item is not met) and 社会认可度 (≥ 85 %).
 */
export async function balanceReadiness(db: DbOrTx, countyCode: string, year: number): Promise<BalanceReadiness> {
  const [county] = await db.select().from(regions).where(eq(regions.code, countyCode));
  if (county?.level !== 'COUNTY') fail('NOT_FOUND', `County ${countyCode} does not exist.`, ['countyCode']);
  const [{ verdicts }, recorded] = await Promise.all([
    balanceVerdicts(db, [{ code: county.code, name: county.name }], [year], [...BALANCE_STAGES]),
    db
      .select()
      .from(countyAssessmentItems)
      .where(and(eq(countyAssessmentItems.countyCode, countyCode), eq(countyAssessmentItems.year, year))),
  ]);
  const byCode = new Map(recorded.map((r) => [r.itemCode, r]));
  const part = (p: AssessmentPart): PartResult => {
    const items = ASSESSMENT_ITEMS.filter((i) => i.part === p).map((item) => {
      const r = byCode.get(item.code);
      return {
        item,
        recorded: !!r,
        met: r?.met ?? false,
        surveyRate: r?.surveyRate ?? null,
        evidence: r?.evidence ?? [],
        note: r?.note ?? null,
      };
    });
    const metCount = items.filter((i) => i.met).length;
    return { part: p, items, metCount, total: items.length, allMet: metCount === items.length };
  };
  const governmentGuarantee = part('GOVERNMENT_GUARANTEE');
  const educationQuality = part('EDUCATION_QUALITY');
  const socialRecognition = part('SOCIAL_RECOGNITION');
  const resourceAllocationMet = verdicts.every((v) => v.resourceAllocationMet);
  const surveyRate = byCode.get(RECOGNITION_ITEM)?.surveyRate ?? null;
  return {
    countyCode,
    countyName: county.name,
    year,
    resourceAllocation: verdicts,
    resourceAllocationMet,
    governmentGuarantee,
    educationQuality,
    socialRecognition,
    surveyRate,
    ready:
      resourceAllocationMet &&
      governmentGuarantee.allMet &&
      educationQuality.allMet &&
      socialRecognition.allMet &&
      surveyRate != null &&
      Number(surveyRate) >= RECOGNITION_MINIMUM,
  };
}
