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
export { weightedSampleWithoutReplacement } from './weighted-sample.js';
