import { asc, eq } from 'drizzle-orm';
import type { Context } from '../../context.js';
import { regions, schools } from '../organisation/table.js';
import { resolveSetting } from '../settings/resolve.js';
import { splitByWeight } from './money.js';
import { allocateFunding } from './services/allocateFunding.js';
import { createFundingProgramme } from './services/createFundingProgramme.js';
import { recordFundingPayment } from './services/recordFundingPayment.js';
import { setCountyBudget } from './services/setCountyBudget.js';
import { upsertSpendingReports } from './services/upsertSpendingReports.js';

/**
 * Demo funding of 常德市 (2026), through the services: 县中发展提升专项 (30 million yuan, 50 %
 * county matching) split over the counties by their weak-county weights, and the
 * equipment-sharing centres (8 million, 30 %) for the four host districts; every county’s
 * matching paid in full except 汉寿 (partly paid) and 石门 (unpaid); education budgets growing
 * everywhere except 临澧, whose 2026 budget fell (只增不减 flagged); 安乡 reports its spending,
 * with a donation kept apart.
 */
const CITY = '430700';
const EVIDENCE = 'https://czj.changde.gov.cn/jyjf/2026/';
const XZ = 'CD-2026-XZFZ';
const SB = 'CD-2026-SBGX';
/** Share of required matching paid (per mille): the rest pay in full. */
const MATCHING_PAID: Record<string, number> = { '430722': 400, '430726': 0 };
const EQUIPMENT_HOSTS = ['430702', '430703', '430723', '430781'];

export function fundingSteps() {
  return [
    {
      name: 'funding programmes',
      async run(ctx: Context) {
        const counties = (
          await ctx.db.select().from(regions).where(eq(regions.parentCode, CITY)).orderBy(asc(regions.code))
        ).map((r) => r.code);
        await createFundingProgramme(ctx, {
          code: XZ,
          cityCode: CITY,
          year: 2026,
          name: '常德市县中发展提升专项资金',
          kind: 'COUNTY_HIGH_SCHOOL_DEVELOPMENT',
          totalFen: '3000000000',
          matchingRatioBp: 5000,
        });
        await createFundingProgramme(ctx, {
          code: SB,
          cityCode: CITY,
          year: 2026,
          name: '县中实验设备共享中心建设资金',
          kind: 'EQUIPMENT_SHARING_CENTRE',
          totalFen: '800000000',
          matchingRatioBp: 3000,
        });
        const weights = [];
        for (const c of counties)
          weights.push({ key: c, weight: await resolveSetting(ctx.db, 'pools.countyPriorityWeight', c) });
        const split = splitByWeight(3_000_000_000, weights);
        const equipment = splitByWeight(
          800_000_000,
          EQUIPMENT_HOSTS.map((key) => ({ key, weight: 1 })),
        );
        for (const c of counties) {
          const amount = split.get(c)!;
          await allocateFunding(ctx, {
            programmeCode: XZ,
            countyCode: c,
            amountFen: String(amount),
            reason: `按薄弱县倾斜权重 ${weights.find((w) => w.key === c)!.weight} 分配`,
          });
          await recordFundingPayment(ctx, {
            programmeCode: XZ,
            countyCode: c,
            kind: 'DISBURSEMENT',
            amountFen: String(amount),
            paidOn: '2026-03-20',
            evidenceUrl: `${EVIDENCE}xz-bf-${c}.pdf`,
          });
          const required = Math.ceil((amount * 5000) / 10000);
          const paid = Math.floor((required * (MATCHING_PAID[c] ?? 1000)) / 1000);
          if (paid > 0)
            await recordFundingPayment(ctx, {
              programmeCode: XZ,
              countyCode: c,
              kind: 'MATCHING',
              amountFen: String(paid),
              paidOn: '2026-05-15',
              evidenceUrl: `${EVIDENCE}xz-pt-${c}.pdf`,
            });
        }
        for (const c of EQUIPMENT_HOSTS) {
          const amount = equipment.get(c)!;
          await allocateFunding(ctx, {
            programmeCode: SB,
            countyCode: c,
            amountFen: String(amount),
            reason: '共享中心承建区县',
          });
          await recordFundingPayment(ctx, {
            programmeCode: SB,
            countyCode: c,
            kind: 'DISBURSEMENT',
            amountFen: String(amount),
            paidOn: '2026-04-10',
            evidenceUrl: `${EVIDENCE}sb-bf-${c}.pdf`,
          });
          await recordFundingPayment(ctx, {
            programmeCode: SB,
            countyCode: c,
            kind: 'MATCHING',
            amountFen: String(Math.ceil((amount * 3000) / 10000)),
            paidOn: '2026-06-01',
            evidenceUrl: `${EVIDENCE}sb-pt-${c}.pdf`,
          });
        }
        // Education budgets (一般公共预算教育支出), in 分: growing 3–6 %, except 临澧 (430724) falling.
        for (const [i, c] of counties.entries()) {
          const base = 60_000_000_000 + i * 7_000_000_000;
          await setCountyBudget(ctx, { countyCode: c, year: 2025, amountFen: String(base) });
          const next = c === '430724' ? Math.round(base * 0.96) : base + Math.round((base * (3 + (i % 4))) / 100);
          await setCountyBudget(ctx, { countyCode: c, year: 2026, amountFen: String(next) });
        }
        // 安乡 spending: the programme on its 县中, the county budget on rural schools, a donation apart.
        const anxiang = await ctx.db
          .select()
          .from(schools)
          .where(eq(schools.countyCode, '430721'))
          .orderBy(asc(schools.code));
        const high = anxiang.find((s) => s.isCountyHighSchool);
        const rural = anxiang.filter((s) => s.locality !== 'URBAN' && s.enrolment > 0).slice(0, 3);
        const rows = [];
        if (high) {
          rows.push({
            code: 'AX-2026-001',
            countyCode: '430721',
            schoolCode: high.code,
            year: 2026,
            source: 'PROGRAMME',
            programmeCode: XZ,
            amountFen: String(high.enrolment * 90_000),
            purpose: '县中理化生实验室改造与智慧教室建设',
            evidenceUrl: `${EVIDENCE}ax-001.pdf`,
            spentOn: '2026-07-20',
          });
        }
        rural.forEach((s, i) => {
          rows.push({
            code: `AX-2026-${String(i + 2).padStart(3, '0')}`,
            countyCode: '430721',
            schoolCode: s.code,
            year: 2026,
            source: 'COUNTY_BUDGET',
            amountFen: String(s.enrolment * 84_000),
            purpose: '生均公用经费拨付',
            evidenceUrl: `${EVIDENCE}ax-${i + 2}.pdf`,
            spentOn: '2026-06-30',
          });
        });
        if (rural[0])
          rows.push({
            code: 'AX-2026-D01',
            countyCode: '430721',
            schoolCode: rural[0].code,
            year: 2026,
            source: 'DONATION',
            amountFen: '5000000',
            purpose: '安乡籍企业家捐赠图书室',
            evidenceUrl: `${EVIDENCE}ax-d01.pdf`,
            spentOn: '2026-09-01',
          });
        const r = await upsertSpendingReports(ctx, { rows });
        if (r.errors.length)
          throw new Error(`demo spending rejected: ${r.errors[0].path.join('.')} ${r.errors[0].message}`);
      },
    },
  ];
}
