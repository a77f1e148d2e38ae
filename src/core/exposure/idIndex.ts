/**
 * A string → index hash table on one Int32Array (open addressing, linear probing, FNV-1a hashes). For a million
 * part ids it allocates one flat array instead of growing a Map on the heap, which keeps the garbage collector
 * out of the roll-up.
 */
export interface IdIndex {
  /** Index of the first item with this id, or -1. */
  get(id: string): number
}

function hash(s: string): number {
  let h = 0x811c9dc5
  for (let k = 0; k < s.length; k++) h = Math.imul(h ^ s.charCodeAt(k), 0x01000193)
  return h >>> 0
}

/**
 * Indexes `ids(i)` for i in [0, n). `onDuplicate(i, first)` is called for every later item whose id was seen
 * before; the table keeps the first.
 */
export function buildIdIndex(
  n: number,
  ids: (i: number) => string,
  onDuplicate: (i: number, first: number) => void
): IdIndex {
  // About 1.3 slots per id; a hash maps to a slot by multiply-shift (no power-of-two padding).
  const cap = Math.ceil(n * 1.3) + 16
  const slotOf = (full: number): number => Math.floor(((full >>> 0) / 4294967296) * cap)
  // slots[2h] = item index (-1 empty), slots[2h + 1] = its full hash: most probes are settled without
  // touching the id string (a cache miss per look on a large table).
  const slots = new Int32Array(cap * 2).fill(-1)
  for (let i = 0; i < n; i++) {
    const id = ids(i)
    const full = hash(id) | 0
    let h = slotOf(full)
    for (;;) {
      const at = slots[2 * h]!
      if (at === -1) {
        slots[2 * h] = i
        slots[2 * h + 1] = full
        break
      }
      if (slots[2 * h + 1] === full && ids(at) === id) {
        onDuplicate(i, at)
        break
      }
      h = h + 1 === cap ? 0 : h + 1
    }
  }
  return {
    get(id) {
      const full = hash(id) | 0
      let h = slotOf(full)
      for (;;) {
        const at = slots[2 * h]!
        if (at === -1 || (slots[2 * h + 1] === full && ids(at) === id)) return at
        h = h + 1 === cap ? 0 : h + 1
      }
    },
  }
}
