import { describe, expect, it } from 'vitest';
import { sweepParamLabel } from '../../../src/report/sweep/index.js';

describe('sweepParamLabel', () => {
  it('says in words what a parameter path sets', () => {
    expect(sweepParamLabel('programs.work-visas.pools.mexico.cap.amount')).toBe("the mexico pool's cap");
    expect(sweepParamLabel('parameters.take_up')).toBe('take_up');
    expect(sweepParamLabel('programs.work-visas.cap')).toBe('the work-visas cap');
    expect(sweepParamLabel('simulation.runs')).toBe('simulation.runs');
  });
});
