import { afterEach, describe, expect, it, vi } from 'vitest';
import * as random from '../../src/random/index.js';

describe('random/index', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('re-exports the whole API', () => {
    for (const name of [
      'streamFor',
      'binomial',
      'poisson',
      'hypergeometric',
      'multivariateHypergeometric',
      'multinomial',
      'weightedSampleWithoutReplacement',
      'normal',
      'gamma',
      'beta',
      'lognormal',
      'lognormalFromMeanSd',
      'uniform',
      'triangular',
      'negativeBinomial',
    ]) {
      expect(typeof (random as Record<string, unknown>)[name], name).toBe('function');
    }
    expect(random.RNG_ALGORITHM).toBe('seedrandom.alea');
  });

  it('never touches Math.random or the clock', () => {
    const mathRandom = vi.spyOn(Math, 'random');
    const dateNow = vi.spyOn(Date, 'now');
    const rng = random.streamFor('spy', 0, 'all');
    random.binomial(rng, 1000, 0.3);
    random.poisson(rng, 50);
    random.hypergeometric(rng, 3000, 7000, 1000);
    random.multivariateHypergeometric(rng, [5, 6, 7], 9);
    random.multinomial(rng, 100, [1, 2, 3]);
    random.weightedSampleWithoutReplacement(rng, [50, 60, 70], [1, 2, 3], 90);
    random.normal(rng, 0, 1);
    random.gamma(rng, 0.5, 1);
    random.beta(rng, 0.5, 2);
    random.lognormalFromMeanSd(rng, 10, 2);
    random.uniform(rng, 0, 1);
    random.triangular(rng, 0, 1, 2);
    random.negativeBinomial(rng, 10, 2);
    expect(mathRandom).not.toHaveBeenCalled();
    expect(dateNow).not.toHaveBeenCalled();
  });
});
