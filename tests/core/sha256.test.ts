/** sha256Hex: the digest node:crypto gives, for the page's worker, which has no node:crypto. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/core/sha256.js';

describe('sha256Hex', () => {
  it('gives the FIPS 180-2 digest of "abc"', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('agrees with node:crypto on empty, non-ASCII and long texts (UTF-8)', () => {
    for (const text of ['', 'México — Guatemala, 30 000 €', '🙂\u0000\r\n', 'x'.repeat(100_001)])
      expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });
});
