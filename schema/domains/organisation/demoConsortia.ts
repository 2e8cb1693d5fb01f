/**
 * The demo school consortia (教育集团 / 共同体 / 结对 / 名校办分校): a city-wide alliance, an
 * urban–rural pairing across counties, town-centred communities and a branch-campus group.
 */
import type { Rng } from '../shared/demoRandom.js';
import { DEMO_CITY, DINGCHENG, WULING } from './demoGeography.js';
import type { SchoolDraft } from './demoSchoolKinds.js';
import type { ConsortiumInput } from './demoRecords.js';

class ConsortiumBuilder {
  private readonly consortia: ConsortiumInput[] = [];
  /** Schools already placed, so no school ends up in two demo consortia. */
  private readonly used = new Set<string>();

  constructor(private readonly rng: Rng) {}

  isFree(s: SchoolDraft): boolean {
    return !this.used.has(s.code);
  }

  /** Take up to n free schools from the candidates in random order. */
  take(candidates: readonly SchoolDraft[], n: number): SchoolDraft[] {
    return this.rng.shuffled(candidates.filter((s) => this.isFree(s))).slice(0, n);
  }

  add(
    kind: ConsortiumInput['kind'],
    name: string,
    regionCode: string,
    lead: SchoolDraft,
    members: SchoolDraft[],
  ): void {
    const memberCodes = members.map((m) => m.code).filter((c) => c !== lead.code);
    if (memberCodes.length === 0) return;
    const seq = this.consortia.filter((c) => c.regionCode === regionCode).length + 1;
    this.consortia.push({
      code: `C${regionCode}${String(seq).padStart(3, '0')}`,
      name,
      kind,
      regionCode,
      leadSchoolCode: lead.code,
      memberSchoolCodes: memberCodes,
    });
    for (const s of [lead, ...members]) this.used.add(s.code);
  }

  all(): ConsortiumInput[] {
    return this.consortia;
  }
}

/** Counties that run a town-centred 教育共同体 in the demo. */
const COMMUNITY_COUNTIES = ['430725', '430726', '430723', '430722'] as const;

function byEnrolmentDesc(a: SchoolDraft, b: SchoolDraft): number {
  return b.enrolment - a.enrolment || a.code.localeCompare(b.code);
}

export function generateConsortia(rng: Rng, schools: readonly SchoolDraft[]): ConsortiumInput[] {
  const cb = new ConsortiumBuilder(rng);
  const inCounty = (code: string) => schools.filter((s) => s.countyCode === code);
  const isRuralPrimary = (s: SchoolDraft) =>
    s.locality === 'RURAL' && (s.stage === 'PRIMARY' || s.stage === 'NINE_YEAR');

  // 1. City-wide alliance around the flagship senior school, pulling in non-县中 seniors elsewhere.
  const flagship = schools.find((s) => s.name === '常德市第一中学');
  if (flagship) {
    const seniors = schools.filter((s) => s.kind === 'SENIOR' && s.code !== flagship.code);
    cb.add('ALLIANCE', '常德市第一中学教育集团', DEMO_CITY, flagship, cb.take(seniors, rng.int(4, 6)));
  }

  // 2. Cross-county pairing: strong 武陵区 urban primaries with rural primaries in 鼎城区.
  const wulingPrimaries = inCounty(WULING)
    .filter((s) => s.kind === 'URBAN_PRIMARY')
    .sort(byEnrolmentDesc);
  const pairLead = wulingPrimaries[0];
  if (pairLead) {
    const urbanPartners = cb.take(wulingPrimaries.slice(1, 5), 2);
    const ruralPartners = cb.take(inCounty(DINGCHENG).filter(isRuralPrimary), rng.int(3, 4));
    cb.add('URBAN_RURAL_PAIR', `${pairLead.name}城乡学校结对共同体`, DEMO_CITY, pairLead, [
      ...urbanPartners,
      ...ruralPartners,
    ]);
  }

  // 3. Per-county 教育共同体 led by a strong town central school, members from its own county.
  for (const countyCode of COMMUNITY_COUNTIES) {
    const county = inCounty(countyCode);
    const lead = cb.take(
      county.filter((s) => s.kind === 'TOWN_CENTRAL_PRIMARY'),
      1,
    )[0];
    if (!lead) continue;
    const want = rng.int(3, 6);
    // Prefer schools of the lead's own town, then the rest of the county's rural primaries.
    const sameTown = cb.take(
      county.filter((s) => s.town === lead.town && isRuralPrimary(s)),
      want,
    );
    const others = cb.take(
      county.filter((s) => isRuralPrimary(s) && !sameTown.includes(s)),
      want - sameTown.length,
    );
    cb.add('COMMUNITY', `${lead.name}教育共同体`, countyCode, lead, [...sameTown, ...others]);
  }

  // 4. 名校办分校: a big 武陵区 primary running campuses on the urban fringe, all within 武陵区.
  const branchLead = cb.take(wulingPrimaries, 1)[0];
  if (branchLead) {
    const fringe = inCounty(WULING).filter((s) => s.stage === 'PRIMARY' && s.locality !== 'URBAN');
    const members = [...cb.take(fringe, 2), ...cb.take(wulingPrimaries, 1)];
    cb.add('BRANCH_CAMPUS', `${branchLead.name}名校办分校集团`, WULING, branchLead, members);
  }

  return cb.all();
}
