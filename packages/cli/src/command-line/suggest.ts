/** Edit distance (insert, delete, substitute, swap neighbours), case-insensitive. */
function distance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const d = Array.from({ length: s.length + 1 }, (_, i) => [i, ...Array<number>(t.length).fill(0)]);
  for (let j = 1; j <= t.length; j++) (d[0] as number[])[j] = j;
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const row = d[i] as number[];
      const prev = d[i - 1] as number[];
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      row[j] = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) {
        row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
      }
    }
  }
  return (d[s.length] as number[])[t.length] as number;
}

/** The closest candidate, when it is close enough to be what was meant (or starts with what was typed). */
export function closest(typed: string, candidates: readonly string[]): string | undefined {
  const limit = Math.max(1, Math.floor(typed.length / 3));
  let best: { candidate: string; score: number } | undefined;
  for (const candidate of candidates) {
    const score = distance(typed, candidate);
    if (score <= limit && (!best || score < best.score)) best = { candidate, score };
  }
  if (best) return best.candidate;
  const prefixed = candidates.filter((c) => typed.length >= 2 && c.toLowerCase().startsWith(typed.toLowerCase()));
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

/** `; did you mean X?`, or nothing. */
export const didYouMean = (typed: string, candidates: readonly string[], show = (s: string) => s): string => {
  const match = closest(typed, candidates);
  return match === undefined ? "" : `; did you mean ${show(match)}?`;
};
