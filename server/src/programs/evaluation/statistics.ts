// Small pure statistics for the program report.

export function mean(values: number[]): number | null {
  return values.length ? round(values.reduce((sum, v) => sum + v, 0) / values.length) : null;
}

export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Linear-interpolated quantile of sorted values. */
export function quantile(sorted: number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return round(sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low));
}

export interface Histogram {
  from: number;
  to: number;
  count: number;
}

/** `buckets` equal-width buckets over [min, max]; the last bucket includes max. */
export function histogram(values: number[], buckets = 10): Histogram[] {
  if (values.length === 0) return [];
  const min = Math.min(...values);
  const max = Math.max(...values);
  const width = (max - min) / buckets || 1;
  const result = Array.from({ length: buckets }, (_, i) => ({
    from: round(min + i * width),
    to: round(min + (i + 1) * width),
    count: 0,
  }));
  for (const value of values) result[Math.min(buckets - 1, Math.floor((value - min) / width))]!.count++;
  return result;
}

/** Net Promoter Score from 0–10 answers: % promoters (9–10) minus % detractors (0–6). */
export function netPromoterScore(answers: number[]): number | null {
  if (answers.length === 0) return null;
  const promoters = answers.filter((a) => a >= 9).length;
  const detractors = answers.filter((a) => a <= 6).length;
  return Math.round(((promoters - detractors) / answers.length) * 100);
}
