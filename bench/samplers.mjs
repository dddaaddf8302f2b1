// Draws per second for each sampler in src/random, 1e6 draws each (fewer for the batch samplers).
// Build first (`npx tsc -p tsconfig.json`), then `node bench/samplers.mjs [filter]`. Each case runs in its own
// child process so that one case's JIT feedback cannot slow another down.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const R = await import(new URL('../dist/random/index.js', import.meta.url).href);
const rng = R.streamFor('bench', 0, 'samplers');

const counts20 = Array.from({ length: 20 }, (_, i) => 500 + 100 * i);
const counts200 = Array.from({ length: 200 }, (_, i) => 1000 + 37 * i);
const weights20 = counts20.map((_, i) => 1 + (i % 5));
const weights200 = counts200.map((_, i) => 1 + (i % 7));
const probs20 = counts20.map((c) => c / 1000);

/** name -> [draws to time, thunk returning a number] */
const CASES = {
  'rng (alea)': [1e7, () => rng()],
  'uniform(0, 1)': [1e6, () => R.uniform(rng, 0, 1)],
  'triangular(0, 1, 3)': [1e6, () => R.triangular(rng, 0, 1, 3)],
  'normal(0, 1)': [1e6, () => R.normal(rng, 0, 1)],
  'lognormal(0, 1)': [1e6, () => R.lognormal(rng, 0, 1)],
  'lognormalFromMeanSd(100, 30)': [1e6, () => R.lognormalFromMeanSd(rng, 100, 30)],
  'gamma(0.5, 1)': [1e6, () => R.gamma(rng, 0.5, 1)],
  'gamma(3, 1)': [1e6, () => R.gamma(rng, 3, 1)],
  'beta(2, 5)': [1e6, () => R.beta(rng, 2, 5)],
  'beta(0.5, 0.5)': [1e6, () => R.beta(rng, 0.5, 0.5)],
  'poisson(3) [inversion]': [1e6, () => R.poisson(rng, 3)],
  'poisson(24) [inversion]': [1e6, () => R.poisson(rng, 24)],
  'poisson(25) [PTRS]': [1e6, () => R.poisson(rng, 25)],
  'poisson(1e4) [PTRS]': [1e6, () => R.poisson(rng, 1e4)],
  'negativeBinomial(100, 5)': [1e6, () => R.negativeBinomial(rng, 100, 5)],
  'binomial(1000, 0.003) [inversion]': [1e6, () => R.binomial(rng, 1000, 0.003)],
  'binomial(1000, 0.019) [inversion]': [1e6, () => R.binomial(rng, 1000, 0.019)],
  'binomial(1000, 0.021) [BTRD]': [1e6, () => R.binomial(rng, 1000, 0.021)],
  'binomial(1000, 0.3) [BTRD]': [1e6, () => R.binomial(rng, 1000, 0.3)],
  'binomial(1e7, 0.3) [BTRD]': [1e6, () => R.binomial(rng, 1e7, 0.3)],
  'hypergeometric(30, 70, 10) [inversion]': [1e6, () => R.hypergeometric(rng, 30, 70, 10)],
  'hypergeometric(3000, 7000, 300) [inversion]': [1e6, () => R.hypergeometric(rng, 3000, 7000, 300)],
  'hypergeometric(3000, 7000, 1000) [HRUA]': [1e6, () => R.hypergeometric(rng, 3000, 7000, 1000)],
  'hypergeometric(3e5, 7e5, 1e5) [HRUA]': [1e6, () => R.hypergeometric(rng, 3e5, 7e5, 1e5)],
  'hypergeometric(3e6, 7e6, 1e6) [HRUA]': [1e6, () => R.hypergeometric(rng, 3e6, 7e6, 1e6)],
  'hypergeometric(1e3, 1e7, 1e6) [HRUA]': [1e6, () => R.hypergeometric(rng, 1e3, 1e7, 1e6)],
  'multivariateHypergeometric(20 cats, 2000)': [
    1e5,
    () => R.multivariateHypergeometric(rng, counts20, 2000)[0],
  ],
  'multinomial(2000, 20 cats)': [1e5, () => R.multinomial(rng, 2000, probs20)[0]],
  'weightedSample(20 cats, 50) [direct]': [
    2e4,
    () => R.weightedSampleWithoutReplacement(rng, counts20, weights20, 50)[0],
  ],
  'weightedSample(20 cats, 2000) [clocks]': [
    2e4,
    () => R.weightedSampleWithoutReplacement(rng, counts20, weights20, 2000)[0],
  ],
  'weightedSample(200 cats, 10) [direct]': [
    2e3,
    () => R.weightedSampleWithoutReplacement(rng, counts200, weights200, 10)[0],
  ],
  'weightedSample(200 cats, 1e5) [clocks]': [
    2e3,
    () => R.weightedSampleWithoutReplacement(rng, counts200, weights200, 1e5)[0],
  ],
};

function run(name) {
  const [n, f] = CASES[name];
  let sink = 0;
  for (let i = 0; i < Math.min(n, 1e5); i++) sink += f(); // warm-up
  // CPU time rather than wall time, so a busy machine distorts the figures less.
  const t0 = process.cpuUsage();
  for (let i = 0; i < n; i++) sink += f();
  const used = process.cpuUsage(t0);
  const seconds = (used.user + used.system) / 1e6;
  const rate = n / seconds;
  const perDraw = (seconds / n) * 1e9;
  const per = perDraw < 1e4 ? `${perDraw.toFixed(0)} ns` : `${(perDraw / 1000).toFixed(1)} µs`;
  console.log(
    `${name.padEnd(48)} ${rate.toExponential(2).padStart(9)} draws/s  ${per.padStart(9)}/draw${Number.isNaN(sink) ? ' NaN!' : ''}`,
  );
}

if (process.argv[2] === '--case') {
  run(process.argv[3]);
} else {
  const filter = process.argv[2] ?? '';
  const self = fileURLToPath(import.meta.url);
  for (const name of Object.keys(CASES)) {
    if (!name.includes(filter)) continue;
    process.stdout.write(execFileSync(process.execPath, [self, '--case', name], { encoding: 'utf8' }));
  }
}
