/**
 * Pins the exact draws of the discrete samplers on parameters that reach every branch. The samplers
 * are sped up from time to time (bench/RESULTS.md); such a change must leave every draw, and the
 * number of uniforms each draw uses, as it was, or every golden output changes. The pinned values
 * come from the samplers before their set-up constants were made lazy (poisson's PTRS, BTRD, HRUA).
 * A deliberate change of algorithm updates them together with the golden files.
 */
import { describe, expect, it } from 'vitest';
import { binomial } from '../../src/random/binomial.js';
import { hypergeometric } from '../../src/random/hypergeometric.js';
import { multinomial } from '../../src/random/multinomial.js';
import { multivariateHypergeometric } from '../../src/random/multivariate-hypergeometric.js';
import { negativeBinomial } from '../../src/random/negative-binomial.js';
import { poisson } from '../../src/random/poisson.js';
import { streamFor } from '../../src/random/stream.js';
import { CASES, fnv } from './exact-draws-cases.js';

const PINNED: Record<string, string> = {
  'poisson, inversion and PTRS': '9b09a0e3:4000',
  'binomial, inversion and BTRD': 'c9dac7d7:4000',
  'binomial, BTRD just above the switch': '4d5d4948:4000',
  'hypergeometric, inversion and HRUA': '989d7a0a:3000',
  'hypergeometric, both sides of the switch': '4fa48b45:3000',
  'negative binomial': 'a20d50eb:2000',
  'multivariate hypergeometric': 'ef61df9b:2700',
  multinomial: 'd47f9ee5:1500',
};

const samplers = {
  binomial,
  hypergeometric,
  poisson,
  negativeBinomial,
  multivariateHypergeometric,
  multinomial,
};

describe('exact draws', () => {
  it.each(Object.keys(CASES))('%s', (name) => {
    const f = CASES[name] as (typeof CASES)[string];
    expect(fnv(f(samplers, streamFor('exact', 0, name)))).toBe(PINNED[name]);
  });
});
