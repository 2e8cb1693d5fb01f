import { describe, expect, it } from 'vitest';
import { addYears, isRealDate, peakWeeklyHours, schoolYear, sqlState } from '../../schema/domains/exchanges/rules.js';

/** The pure rules behind the exchange services and statistics. */
describe('exchange rules', () => {
  it('peak weekly hours look at every day a posting starts within the period', () => {
    const spans = [
      { startDate: '2026-09-01', endDate: '2027-01-31', weeklyHours: 8 },
      { startDate: '2026-11-01', endDate: '2027-06-30', weeklyHours: 4 },
      { startDate: '2027-02-01', endDate: '2027-06-30', weeklyHours: 6 },
    ];
    expect(peakWeeklyHours(spans, '2026-09-01', '2026-10-31')).toBe(8);
    expect(peakWeeklyHours(spans, '2026-10-15', '2026-12-31')).toBe(12);
    expect(peakWeeklyHours(spans, '2027-01-31', '2027-01-31')).toBe(12);
    expect(peakWeeklyHours(spans, '2027-02-01', '2027-12-31')).toBe(10);
    expect(peakWeeklyHours(spans, '2027-07-01', '2027-12-31')).toBe(0);
    expect(peakWeeklyHours([], '2026-01-01', '2026-12-31')).toBe(0);
  });

  it('school years run from 1 September to 31 August', () => {
    expect(schoolYear(2025)).toEqual({ from: '2025-09-01', to: '2026-08-31' });
  });

  it('dates: real calendar days only, years added without overflow', () => {
    expect(['2024-02-29', '2026-12-31'].map(isRealDate)).toEqual([true, true]);
    expect(['2025-02-29', '2026-02-30', '2026-13-01', '2026-00-10'].map(isRealDate)).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2026-09-01', 6)).toBe('2032-09-01');
  });

  it('finds the SQLSTATE through wrappers', () => {
    expect(sqlState({ message: 'wrapped', cause: { code: '23P01' } })).toBe('23P01');
    expect(sqlState(new Error('plain'))).toBeUndefined();
  });
});
