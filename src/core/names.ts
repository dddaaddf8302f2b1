/**
 * "Did you mean": the known name closest to a mistyped one. Shared by every stage that names things
 * back to the user (scenario keys and references, formula symbols, CLI options).
 */
import { distance } from 'fastest-levenshtein';

/** True when `a` becomes `b` by swapping two neighbouring characters ("fcsf" → "fcfs"). */
function isTransposition(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const diff = [...a].flatMap((ch, i) => (ch === b[i] ? [] : [i]));
  const [i, j] = diff;
  return diff.length === 2 && i !== undefined && j === i + 1 && a[i] === b[j] && a[j] === b[i];
}

/**
 * The candidate closest to `name` when it is close enough to be a likely typo (edit distance at
 * most a third of the length, at least 1, at most 3; a case-only difference or a swap of two
 * neighbouring letters always counts).
 */
export function nearest(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    if (c === name) continue;
    const d = c.toLowerCase() === name.toLowerCase() ? 0 : isTransposition(name, c) ? 1 : distance(name, c);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  const limit = Math.min(3, Math.max(1, Math.floor(name.length / 3)));
  return best !== undefined && bestD <= limit ? best : undefined;
}
