import { describe, expect, it } from 'vitest';
import {
  addDays,
  formatDate,
  formatDateRange,
  formatDay,
  formatPeriodDates,
} from '../../src/report/dates.js';

describe('report dates', () => {
  it('addDays counts a part day as the day it falls in, across months, years and leap days', () => {
    expect(addDays('2022-12-15', 0.4)).toBe('2022-12-15');
    expect(addDays('2022-12-15', 73.13)).toBe('2023-02-26');
    expect(addDays('2023-10-01', 251)).toBe('2024-06-08');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-10-01', -1)).toBe('2023-09-30');
  });

  it('writes dates as readers do, the year once in a range within one year', () => {
    expect(formatDate('2023-02-26')).toBe('Feb 26, 2023');
    expect(formatDay('2023-02-06')).toBe('Feb 6');
    expect(formatDateRange('2023-04-01', '2023-05-14')).toBe('Apr 1 – May 14, 2023');
    expect(formatDateRange('2022-10-01', '2023-03-31')).toBe('Oct 1, 2022 – Mar 31, 2023');
    expect(formatDateRange('2023-04-09', '2023-04-09')).toBe('Apr 9, 2023');
  });

  it('shows a period with an exclusive end by its last day', () => {
    expect(formatPeriodDates('2022-10-01', '2023-04-01')).toBe('Oct 1, 2022 – Mar 31, 2023');
  });
});
