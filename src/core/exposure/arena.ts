/**
 * Typed arrays carved out of one ArrayBuffer. Large typed arrays live outside the JS heap and each allocation
 * counts towards the external memory that triggers full garbage collections; with a million parts loaded, one
 * allocation instead of ten saves whole-heap collections.
 */
export function arena<F extends number[], I extends number[], B extends number[]>(
  f64: readonly [...F],
  i32: readonly [...I],
  u8: readonly [...B] = [] as unknown as B
): {
  f64: { [K in keyof F]: Float64Array }
  i32: { [K in keyof I]: Int32Array }
  u8: { [K in keyof B]: Uint8Array }
} {
  const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0)
  const buffer = new ArrayBuffer(sum(f64) * 8 + sum(i32) * 4 + sum(u8))
  let at = 0
  const carve = <T>(
    lens: readonly number[],
    size: number,
    make: (o: number, l: number) => T
  ): T[] =>
    lens.map((len) => {
      const view = make(at, len)
      at += len * size
      return view
    })
  return {
    f64: carve(f64, 8, (o, l) => new Float64Array(buffer, o, l)) as {
      [K in keyof F]: Float64Array
    },
    i32: carve(i32, 4, (o, l) => new Int32Array(buffer, o, l)) as { [K in keyof I]: Int32Array },
    u8: carve(u8, 1, (o, l) => new Uint8Array(buffer, o, l)) as { [K in keyof B]: Uint8Array },
  }
}
