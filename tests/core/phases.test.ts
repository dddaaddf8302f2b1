import { describe, expect, it } from 'vitest';
import { formatPhases, PhaseLog, simulateParts, splitThread } from '../../src/core/phases.js';

describe('splitThread', () => {
  it('takes the median cost a run of the later half as the steady state, and the rest as warm-up', () => {
    // 4 slices of 100 runs: 300 ms, 120, then 50 and 60 (the later half): median 0.55 ms a run
    const s = splitThread({
      startMs: 40,
      compileMs: 5,
      slices: [
        { runs: 100, ms: 300 },
        { runs: 100, ms: 120 },
        { runs: 100, ms: 50 },
        { runs: 100, ms: 60 },
      ],
    });
    expect(s.runs).toBe(400);
    expect(s.steadyMsPerRun).toBeCloseTo(0.55, 12);
    expect(s.steadyMs).toBeCloseTo(220, 9);
    // 530 ms in all: 310 of them beyond 400 × 0.55
    expect(s.warmupMs).toBeCloseTo(310, 9);
    expect(s.startMs + s.compileMs).toBe(45);
  });

  it('never gives a negative warm-up, and none without runs', () => {
    // later runs slower than earlier ones (a busy machine): the steady state is capped at the total
    const slow = splitThread({
      startMs: 0,
      compileMs: 0,
      slices: [
        { runs: 10, ms: 1 },
        { runs: 10, ms: 100 },
      ],
    });
    expect(slow.warmupMs).toBe(0);
    expect(slow.steadyMs).toBe(101);
    const none = splitThread({ startMs: 0, compileMs: 0, slices: [] });
    expect([none.runs, none.warmupMs, none.steadyMs]).toEqual([0, 0, 0]);
  });
});

describe('simulateParts', () => {
  const thread = (startMs: number, slices: [number, number][]) => ({
    startMs,
    compileMs: 10,
    slices: slices.map(([runs, ms]) => ({ runs, ms })),
  });

  it("averages the threads' phases, leaves the rest of the wall time as 'other', and adds the main thread's storing", () => {
    const parts = simulateParts(
      {
        threads: [
          thread(100, [
            [50, 100],
            [50, 25],
          ]),
          thread(140, [
            [50, 80],
            [50, 25],
          ]),
        ],
        storeMs: 30,
      },
      400,
    );
    const ms = Object.fromEntries(parts.map((p) => [p.name, p.ms]));
    // steady 0.5 ms a run over 100 runs in each; warm-up 75 and 55; start 100 and 140
    expect(ms).toEqual({
      start: 120,
      compile: 10,
      'warm-up': 65,
      'steady state': 50,
      other: 400 - (120 + 10 + 65 + 50),
      'storing (main thread)': 30,
    });
  });

  it('has no start or compile for a simulation in the main thread', () => {
    const parts = simulateParts(
      { threads: [{ startMs: 0, compileMs: 0, slices: [{ runs: 5, ms: 5 }] }], storeMs: 0 },
      5,
    );
    expect(parts.map((p) => p.name)).toEqual(['warm-up', 'steady state', 'other']);
  });
});

describe('formatPhases', () => {
  it('lists every phase and part with its ms, and a total of the phases', () => {
    const log = new PhaseLog();
    log.add('load', 12.4, 'read');
    log.add('simulate', 1500, 'runs', [{ name: 'warm-up', ms: 300, what: 'JIT' }]);
    const text = formatPhases(log);
    expect(text.split('\n')).toEqual([
      'timings (ms, wall clock):',
      '  load          12  read',
      '  simulate   1,500  runs',
      '    warm-up    300  JIT',
      '  total      1,512  the phases above; the process exits after',
      '',
    ]);
  });
});
