/** Rounds away float noise (12 significant digits; |x| < 1e-12 → 0) so hand-checkable figures print as written. */
export function clean(x: number): number {
  return Math.abs(x) < 1e-12 ? 0 : Number(x.toPrecision(12))
}
