/**
 * sweepScenario: one run set per value of a parameter path (the same seed for every value, so the
 * differences between values are the parameter's effect), and a tornado of the uncertain parameters:
 * each fixed in turn at the low and high end of its distribution (5th and 95th percentiles), all
 * others left uncertain, showing which moves a headline figure most.
 */

import type { SweepPoint, SweepSummary, TornadoBar } from '../core/types.js';
import { sampleParameters } from '../engine/parameters.js';
import { type RunOptions, type RunResult, runScenario } from '../pipeline.js';
import { quantileSorted } from '../stats/quantile.js';

export interface SweepOptions extends Omit<RunOptions, 'shard'> {
  /** --param: the path to vary, as for --set */
  param: string;
  /** the values, as text (each becomes `--set param=value`) */
  values: string[];
  /** headline key for the tornado (default: the first program's selection rate) */
  tornadoKey?: string;
  /** skip the tornado */
  tornado?: boolean;
}

export interface SweepResult {
  base: RunResult;
  sweep: SweepSummary;
}

/** Expand "FROM:TO:STEP" or "a,b,c" into values. */
export function parseSweepValues(spec: string): string[] {
  const range = /^(-?[\d.]+):(-?[\d.]+):([\d.]+)$/.exec(spec.trim());
  if (range) {
    const [from, to, step] = [Number(range[1]), Number(range[2]), Number(range[3])];
    if (!(step > 0) || to < from)
      throw new RangeError(`--values ${spec}: expected FROM:TO:STEP with FROM ≤ TO and STEP > 0`);
    const n = Math.floor((to - from) / step + 1e-9);
    if (n > 1000) throw new RangeError(`--values ${spec} gives ${n + 1} values; at most 1,001`);
    const decimals = Math.max(...[range[1], range[2], range[3]].map((s) => (s?.split('.')[1] ?? '').length));
    return Array.from({ length: n + 1 }, (_, i) => (from + i * step).toFixed(decimals));
  }
  const values = spec
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  if (values.length === 0) throw new RangeError('--values is empty');
  return values;
}

export async function sweepScenario(file: string, opts: SweepOptions): Promise<SweepResult> {
  const { param, values, tornadoKey, tornado, ...runOpts } = opts;
  const base = await runScenario(file, runOpts);
  const common = { ...runOpts, seed: base.manifest.seed, runs: base.manifest.runs };
  const points: SweepPoint[] = [];
  for (const value of values) {
    const r = await runScenario(file, { ...common, set: [...(runOpts.set ?? []), `${param}=${value}`] });
    const x = Number(value);
    points.push({
      value,
      ...(Number.isFinite(x) && value.trim() !== '' ? { x } : {}),
      headline: r.summary.headline,
    });
  }

  const key = tornadoKey ?? `${base.model.programs[0]?.id}.selection_rate`;
  const baseStats = base.summary.headline.find((h) => h.key === key)?.stats;
  const bars: TornadoBar[] = [];
  if (tornado !== false && baseStats) {
    const uncertain = base.model.parameters.filter((p) => p.fixed === undefined);
    // The 5th and 95th percentiles of each parameter, from 2,000 draws of its own stream.
    const draws = Array.from({ length: 2000 }, (_, r) =>
      sampleParameters(base.model, `${base.manifest.seed}\0tornado`, r),
    );
    for (const p of uncertain) {
      const xs = draws.map((d) => d[p.id] as number).sort((a, b) => a - b);
      const lowValue = quantileSorted(xs, 0.05);
      const highValue = quantileSorted(xs, 0.95);
      const fixAt = async (v: number) => {
        const dist = ['normal', 'lognormal', 'uniform', 'triangular', 'beta', 'choice'].filter(
          (k) => k in p.spec,
        );
        const set = [
          ...(runOpts.set ?? []),
          ...dist.map((k) => `parameters.${p.id}.${k}=null`),
          `parameters.${p.id}.value=${v}`,
        ];
        const r = await runScenario(file, { ...common, set });
        return r.summary.headline.find((h) => h.key === key)?.stats;
      };
      const low = await fixAt(lowValue);
      const high = await fixAt(highValue);
      if (low && high) bars.push({ parameter: p.id, lowValue, highValue, low, high });
    }
    bars.sort((a, b) => Math.abs(b.high.p50 - b.low.p50) - Math.abs(a.high.p50 - a.low.p50));
  }
  return {
    base,
    sweep: {
      scenario: base.summary.scenario,
      param,
      runs: base.manifest.runs,
      seed: base.manifest.seed,
      points,
      ...(baseStats ? { tornadoKey: key, base: baseStats } : {}),
      tornado: bars,
    },
  };
}
