/**
 * The split of a group's new applicants into segments (attribute combinations): one SegmentSplit
 * per group, built when a run is set up, drawn from at every arrival.
 */
import { binomial } from '../../random/binomial.js';
import type { Rng } from '../../random/stream.js';
import { requireCount } from '../../random/validate.js';

/**
 * multinomial(rng, n, probs) of ../../random/multinomial.ts with its set-up (suffix sums, the last
 * category with positive probability) done once per run instead of once per call: the same
 * binomials with the same arguments in the same order, so the same draws and the same counts
 * (tests/engine/fast-paths.test.ts). With two segments it is a single binomial.
 */
export class SegmentSplit {
  /** probability passed to the binomial of category i: min(1, probs[i] / sum(probs[i..])) */
  private readonly cond: Float64Array;
  private readonly positive: Uint8Array;
  private readonly last: number;

  constructor(probs: ArrayLike<number>) {
    const k = probs.length;
    const suffix = new Float64Array(k + 1);
    let last = -1;
    for (let i = k - 1; i >= 0; i--) {
      const w = probs[i] as number;
      if (w > 0 && last < 0) last = i;
      suffix[i] = (suffix[i + 1] as number) + w;
    }
    this.cond = new Float64Array(k);
    this.positive = new Uint8Array(k);
    for (let i = 0; i < k; i++) {
      const w = probs[i] as number;
      if (w > 0) {
        this.positive[i] = 1;
        this.cond[i] = Math.min(1, w / (suffix[i] as number));
      }
    }
    this.last = last;
  }

  /** Split n trials; category i's count goes to out[offset + i]. */
  draw(rng: Rng, n: number, out: Float64Array, offset: number): void {
    requireCount('multinomial', 'n', n);
    if (n > 0 && this.last < 0) throw new RangeError('multinomial: probs must have a positive entry');
    const k = this.cond.length;
    if (k === 2 && n > 0) {
      // Two segments, the loop below unrolled: the first gets its binomial (all when it is the
      // last with positive probability, none when its probability is 0), the second the rest.
      const x = this.last === 0 ? n : this.positive[0] ? binomial(rng, n, this.cond[0] as number) : 0;
      out[offset] = x;
      out[offset + 1] = n - x;
      return;
    }
    let left = n;
    for (let i = 0; i < k; i++) {
      let x = 0;
      if (left > 0) {
        if (i === this.last) x = left;
        else if (this.positive[i]) x = binomial(rng, left, this.cond[i] as number);
      }
      out[offset + i] = x;
      left -= x;
    }
  }
}
