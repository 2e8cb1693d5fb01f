/**
 * A small value-added fixture and an independent, plain-arithmetic computation of the
 * expected results (no SQL), to check computeValueAdded against.
 */
export interface Student {
  studentKey: string;
  schoolCode: string;
  cohort: string;
  intakeScore: number;
  outcomeScore: number;
}

/** Deterministic: outcome = 60 + 0.8·intake + school effect + a fixed pseudo-random wobble. */
export function fixtureStudents(schools: { code: string; n: number; effect: number }[]): Student[] {
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const out: Student[] = [];
  for (const s of schools) {
    for (let i = 0; i < s.n; i++) {
      const intake = Math.round(400 + next() * 300);
      const outcome = Math.round(Math.min(750, Math.max(0, 60 + 0.8 * intake + s.effect + (next() - 0.5) * 40)));
      out.push({
        studentKey: `S${s.code.slice(-4)}-${String(i).padStart(3, '0')}`,
        schoolCode: s.code,
        cohort: '2027级',
        intakeScore: intake,
        outcomeScore: outcome,
      });
    }
  }
  return out;
}

export interface Expected {
  schoolCode: string;
  n: number;
  band: string;
  intakeMean?: number;
  outcomeMean?: number;
  expected?: number;
  va?: number;
  se?: number;
  low?: number;
  high?: number;
  growth?: number;
  rank?: number;
  best?: number;
  worst?: number;
}

export function expectedValueAdded(students: Student[], minCohort: number) {
  const N = students.length;
  const mx = students.reduce((a, s) => a + s.intakeScore, 0) / N;
  const my = students.reduce((a, s) => a + s.outcomeScore, 0) / N;
  let sxy = 0;
  let sxx = 0;
  for (const s of students) {
    sxy += (s.intakeScore - mx) * (s.outcomeScore - my);
    sxx += (s.intakeScore - mx) ** 2;
  }
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  const residual = (s: Student) => s.outcomeScore - (intercept + slope * s.intakeScore);
  const sd = Math.sqrt(students.reduce((a, s) => a + residual(s) ** 2, 0) / (N - 2));
  const codes = [...new Set(students.map((s) => s.schoolCode))];
  const rows: Expected[] = codes.map((code) => {
    const mine = students.filter((s) => s.schoolCode === code);
    const n = mine.length;
    if (n < minCohort) return { schoolCode: code, n, band: 'SUPPRESSED' };
    const intakeMean = mine.reduce((a, s) => a + s.intakeScore, 0) / n;
    const outcomeMean = mine.reduce((a, s) => a + s.outcomeScore, 0) / n;
    const va = mine.reduce((a, s) => a + residual(s), 0) / n;
    const se = sd / Math.sqrt(n);
    const low = va - 1.96 * se;
    const high = va + 1.96 * se;
    const band = low > 0 ? 'ABOVE' : high < 0 ? 'BELOW' : 'AVERAGE';
    return {
      schoolCode: code,
      n,
      band,
      intakeMean,
      outcomeMean,
      expected: intercept + slope * intakeMean,
      va,
      se,
      low,
      high,
      growth: va / se,
    };
  });
  const shown = rows.filter((r) => r.band !== 'SUPPRESSED');
  for (const r of shown) {
    r.rank = 1 + shown.filter((o) => o.va! > r.va!).length;
    r.best = 1 + shown.filter((o) => o.low! > r.high!).length;
    r.worst = shown.length - shown.filter((o) => o.high! < r.low!).length;
  }
  return { slope, intercept, sd, n: N, rows };
}
