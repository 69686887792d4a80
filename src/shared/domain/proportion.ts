// The interval drawn around a recorded proportion (trial-type fractions), shared by the view's bars and its table.

/** Normal-approximation 95 % interval of a proportion p from n trials, clipped to [0, 1] (as the reference's 1.96·√(p(1−p)/n)). */
export function binomialCi(p: number, n: number): [number, number] {
  if (!(n > 0) || !Number.isFinite(p)) return [NaN, NaN]
  const h = 1.96 * Math.sqrt((p * (1 - p)) / n)
  return [Math.max(0, p - h), Math.min(1, p + h)]
}
