/**
 * Seeded random streams and the samplers built on them. Every sampler takes an `Rng` from `streamFor` as its
 * first argument; none keeps state between calls.
 */
export { beta } from './beta.js';
export { binomial } from './binomial.js';
export { gamma, logStandardGamma, standardGamma } from './gamma.js';
export { hypergeometric } from './hypergeometric.js';
export { lognormal, lognormalFromMeanSd } from './lognormal.js';
export { multinomial } from './multinomial.js';
export { multivariateHypergeometric } from './multivariate-hypergeometric.js';
export { negativeBinomial } from './negative-binomial.js';
export { normal, standardNormal } from './normal.js';
export { poisson } from './poisson.js';
export { RNG_ALGORITHM, type Rng, streamFor } from './stream.js';
export { triangular } from './triangular.js';
export { uniform } from './uniform.js';
export { SamplerRangeError } from './validate.js';
export { weightedSampleWithoutReplacement } from './weighted-sample.js';

/**
 * The version of the samplers' draws, for manifests and shards: bump it whenever a sampler would
 * draw differently from the same stream (tests/random/exact-draws.test.ts pins the draws), so
 * `visasim merge` never combines shards drawn by different algorithms.
 */
export const SAMPLER_VERSION = 'visasim-samplers/1';

/** The method behind each sampler, for benchmarks and manifests (details in each module's docblock). */
export const SAMPLER_ALGORITHMS: Readonly<Record<string, string>> = {
  binomial: 'inversion (BINV) below n·min(p, 1-p) = 20, else BTRD (Hörmann 1993)',
  poisson: 'inversion below mean 25, else PTRS (Hörmann 1993)',
  hypergeometric: 'inversion from the mode below variance 300, else HRUA (Stadlober 1990)',
  multivariateHypergeometric: 'conditional univariate hypergeometrics (Devroye XI.1.5)',
  multinomial: 'conditional binomials (Devroye XI.1.4)',
  negativeBinomial: 'Poisson-gamma mixture',
  weightedSampleWithoutReplacement: 'exponential clocks in batches; one by one up to 50 draws',
  normal: 'Leva ratio of uniforms',
  gamma: 'Marsaglia-Tsang',
  beta: 'ratio of gammas',
  lognormal: 'exp of Leva normal',
  triangular: 'inversion',
  uniform: 'affine map of the stream',
};
