import { asc, eq, sql } from 'drizzle-orm';
import type { Context } from '../../context.js';
import { regions, schools, teachers } from '../organisation/table.js';
import { approveEstablishmentTransfer } from './services/approveEstablishmentTransfer.js';
import { assignSchoolPosts } from './services/assignSchoolPosts.js';
import { submitEstablishmentRequest } from './services/submitEstablishmentRequest.js';
import { upsertEstablishments } from './services/upsertEstablishments.js';

/**
 * Demo establishment of 常德市, through the services: each county holds posts near its
 * standard (some counties short of staff on the register, i.e. with 空编, 石门 over), the
 * city keeps a pool (市级周转编制), counties assign teaching posts to their 县中 by subject
 * with vacancies in 物理/化学, 安乡 asks for posts, 津市 offers surplus, and the city approves
 * one cross-county transfer (津市 → 安乡). Deterministic: schools read in code order.
 */
const CITY = '430700';
/** Posts held relative to staff on the register, per county (positive: vacancies). */
const MARGIN: Record<string, number> = {
  '430702': 12,
  '430703': 9,
  '430721': 6,
  '430722': 8,
  '430723': 10,
  '430724': 5,
  '430725': 7,
  '430726': -4,
  '430781': 14,
};
/** Extra teaching posts of the 县中 beyond its teachers of the subject (学科缺编). */
const SUBJECT_GAP: Record<string, number> = { 物理: 2, 化学: 1 };

export function staffingSteps() {
  return [
    {
      name: 'staffing establishment',
      async run(ctx: Context) {
        const counties = (
          await ctx.db.select().from(regions).where(eq(regions.parentCode, CITY)).orderBy(asc(regions.code))
        ).map((r) => r.code);
        const rows: { holderCode: string; category: string; approved: number }[] = [
          { holderCode: CITY, category: 'TEACHING', approved: 120 },
          { holderCode: CITY, category: 'SUPPORT', approved: 20 },
        ];
        for (const county of counties) {
          const list = await ctx.db.select().from(schools).where(eq(schools.countyCode, county));
          const filled = list.reduce((n, s) => n + s.staffCount, 0);
          const held = Math.max(0, filled + (MARGIN[county] ?? 0));
          const admin = Math.round(held * 0.07);
          const support = Math.round(held * 0.05);
          const worker = Math.round(held * 0.03);
          rows.push(
            { holderCode: county, category: 'TEACHING', approved: held - admin - support - worker },
            { holderCode: county, category: 'ADMINISTRATIVE', approved: admin },
            { holderCode: county, category: 'SUPPORT', approved: support },
            { holderCode: county, category: 'WORKER', approved: worker },
          );
        }
        const r = await upsertEstablishments(ctx, { rows });
        if (r.errors.length) throw new Error(`demo establishment rejected: ${r.errors[0].message}`);

        // 县管校聘: each county assigns its 县中 teaching posts by subject.
        const high = await ctx.db
          .select()
          .from(schools)
          .where(eq(schools.isCountyHighSchool, true))
          .orderBy(asc(schools.code));
        for (const s of high) {
          const bySubject = await ctx.db
            .select({ subject: sql<string>`${teachers.subjects}[1]`, n: sql<number>`count(*)::int` })
            .from(teachers)
            .where(eq(teachers.schoolId, s.id))
            .groupBy(sql`${teachers.subjects}[1]`)
            .orderBy(sql`${teachers.subjects}[1]`);
          for (const { subject, n } of bySubject) {
            if (!subject) continue;
            await assignSchoolPosts(ctx, {
              schoolCode: s.code,
              category: 'TEACHING',
              subject,
              approved: n + (SUBJECT_GAP[subject] ?? 0),
            });
          }
        }

        // 县级申报 → 市级统筹: 安乡 asks, 津市 offers, the city moves 6 posts across; 石门 waits.
        const ask = await submitEstablishmentRequest(ctx, {
          countyCode: '430721',
          kind: 'REQUEST',
          category: 'TEACHING',
          quantity: 10,
          reason: '安乡县一中物理、化学教师缺编，高一扩招两个班',
        });
        const offer = await submitEstablishmentRequest(ctx, {
          countyCode: '430781',
          kind: 'OFFER',
          category: 'TEACHING',
          quantity: 6,
          reason: '津市市初中生源减少，富余教师编制可调出',
        });
        await approveEstablishmentTransfer(ctx, {
          fromCode: '430781',
          toCode: '430721',
          category: 'TEACHING',
          quantity: 6,
          reason: '市级统筹跨县调剂：津市富余编制调入安乡县中',
          establishmentRequestId: ask.id,
          establishmentOfferId: offer.id,
        });
        await submitEstablishmentRequest(ctx, {
          countyCode: '430726',
          kind: 'REQUEST',
          category: 'TEACHING',
          quantity: 5,
          reason: '石门县中音体美教师长期空缺',
        });
      },
    },
  ];
}
