/**
 * Checks the shape of a BOM (every parent exists, no cycles, yearly volumes known) and indexes it as flat arrays
 * in an order where every parent comes before its children. Nothing is computed from a broken tree.
 */
import type { Element } from '../../contracts/common'
import type { DomainIssue, Result } from '../shared/result'
import { arena } from './arena'
import { buildIdIndex } from './idIndex'
import type { BomPart } from './types'

export interface BomIndex {
  /** Parent (file index) of each part (file index), -1 for top-level parts. */
  parent: Int32Array
  /**
   * Parents-first order: `order[p]` is the file index of the part at position p (breadth first from the top-level
   * parts, in file order). Children of one parent are contiguous. Arrays "by position" are indexed by p.
   */
  order: Int32Array
  /** Position of each part (file index → position). */
  pos: Int32Array
  /** By position: the parent's position, -1 for top-level parts. */
  parentPos: Int32Array
  /** By position: qty_per_parent (1 for top-level parts). */
  qtyAtPos: Float64Array
  /** By position: units of the part consumed per year. */
  unitsPerYear: Float64Array
  /** Elements of the parts' own content, in order of first appearance. */
  elements: Element[]
}

const REL_TOLERANCE = 1e-9

/** Validates and indexes `parts`; every problem names its line and field. */
export function indexBom(parts: readonly BomPart[], file?: string): Result<BomIndex> {
  const n = parts.length
  const issues: DomainIssue[] = []
  const issue = (
    p: BomPart,
    field: string,
    code: string,
    message: string,
    expected: string,
    found: string
  ): void => {
    issues.push({
      code,
      message,
      path: [p.line, field],
      ...(file === undefined ? {} : { file }),
      line: p.line,
      field,
      expected,
      found,
    })
  }

  // The ids side by side: confirming a hash hit then reads this array, not a part object.
  const ids = parts.map((p) => p.partId)
  const byId = buildIdIndex(
    n,
    (i) => ids[i]!,
    (i, first) => {
      const p = parts[i]!
      issue(
        p,
        'part_id',
        'duplicate_part',
        `part_id "${p.partId}" appears twice (first on line ${parts[first]!.line}); give each part one row`,
        'a part_id used once',
        p.partId
      )
    }
  )
  if (issues.length > 0) return { ok: false, error: issues }

  // Kept under 64 MB for a million parts (with the id table): V8 runs a whole-heap collection when memory
  // outside the JS heap grows by more than that.
  const mem = arena([n, n, n], [n, n + 1, n, n, n, n, n])
  const [qty, unitsPerYear, qtyAtPos] = mem.f64
  const [parent, childCount, children, order, rootPos, pos, parentPos] = mem.i32
  // Scratch space reused before the breadth-first pass fills these arrays: `state` (rootPos) during the cycle
  // check, the walk's `path` (order), the CSR fill pointers (pos). No garbage on the JS heap.
  const state = rootPos
  const path = order
  const fill = pos
  parent.fill(-1)
  // state: 0 = unvisited, 1 = on the current path, 2 = reaches a top-level part, 3 = does not (missing parent
  // or cycle).
  const seen = new Set<Element>()
  const elements: Element[] = []
  /** Parts below the top level that state annual_units: checked against the derived volume at the end. */
  const statedBelow: number[] = []
  for (let i = 0; i < n; i++) {
    const p = parts[i]!
    qty[i] = p.qtyPerParent
    if (p.parentId !== null && p.annualUnits !== null) statedBelow.push(i)
    for (const c of p.content) {
      if (!seen.has(c.element)) {
        seen.add(c.element)
        elements.push(c.element)
      }
    }
    if (p.parentId === null) continue
    const j = byId.get(p.parentId)
    if (j < 0) {
      issue(
        p,
        'parent_id',
        'missing_parent',
        `parent_id "${p.parentId}" of part "${p.partId}" is not a part_id in this file`,
        'the part_id of another row',
        p.parentId
      )
      state[i] = 3
    } else parent[i] = j
  }

  for (let start = 0; start < n; start++) {
    if (state[start] !== 0) continue
    let depth = 0
    let i = start
    let outcome = 2
    for (;;) {
      if (state[i] === 2 || state[i] === 3) {
        outcome = state[i]!
        break
      }
      if (state[i] === 1) {
        const walked = Array.from(path.subarray(0, depth))
        const cycle = walked.slice(walked.indexOf(i))
        const first = cycle.reduce((a, b) => (parts[b]!.line < parts[a]!.line ? b : a))
        const k = cycle.indexOf(first)
        const ordered = [...cycle.slice(k), ...cycle.slice(0, k)]
        // The path walks child -> parent; show the cycle as parent -> child, closing on its start.
        const names = [...ordered, first].map((x) => `"${parts[x]!.partId}"`).reverse()
        const lines = ordered.map((x) => parts[x]!.line).sort((a, b) => a - b)
        issue(
          parts[first]!,
          'parent_id',
          'bom_cycle',
          `cycle in the BOM: ${names.join(' → ')} (each contains the next; lines ${lines.join(', ')}): a part cannot contain itself`,
          'a tree: every chain of parent_id ends at a top-level part',
          names.join(' → ')
        )
        outcome = 3
        break
      }
      state[i] = 1
      path[depth++] = i
      const up = parent[i]!
      if (up < 0) {
        outcome = 2
        break
      }
      i = up
    }
    for (let d = 0; d < depth; d++) state[path[d]!] = outcome
  }

  // Children lists (CSR), in file order.
  for (let i = 0; i < n; i++) if (parent[i]! >= 0) childCount[parent[i]! + 1]!++
  for (let i = 0; i < n; i++) childCount[i + 1]! += childCount[i]!
  fill.set(childCount.subarray(0, n))
  for (let i = 0; i < n; i++) {
    const up = parent[i]!
    if (up >= 0) children[fill[up]!++] = i
  }

  let head = 0
  let tail = 0
  for (let i = 0; i < n; i++) {
    const p = parts[i]!
    if (p.parentId !== null) continue
    pos[i] = tail
    parentPos[tail] = -1
    qtyAtPos[tail] = 1
    rootPos[tail] = tail
    order[tail++] = i
    if (p.annualUnits === null) {
      const below = countDescendants(i, childCount, children)
      issue(
        p,
        'annual_units',
        'missing_annual_units',
        `top-level part "${p.partId}" has no annual_units, so ${below === 0 ? 'it has' : `it and its ${below} sub-part${below === 1 ? '' : 's'} have`} no yearly volume`,
        'the number of units produced per year',
        ''
      )
    } else unitsPerYear[tail - 1] = p.annualUnits
  }
  // Breadth first; everything about the part at `head` and its children is written by position (sequential).
  while (head < tail) {
    const hp = head++
    const i = order[hp]!
    const perYear = unitsPerYear[hp]!
    const top = rootPos[hp]!
    for (let k = childCount[i]!; k < childCount[i + 1]!; k++) {
      const c = children[k]!
      const q = qty[c]!
      const at = tail++
      pos[c] = at
      order[at] = c
      parentPos[at] = hp
      qtyAtPos[at] = q
      rootPos[at] = top
      unitsPerYear[at] = perYear * q
    }
  }
  // Only on a sound tree: positions of parts under a cycle or a missing parent are not assigned.
  for (const c of issues.length === 0 ? statedBelow : []) {
    const at = pos[c]!
    const product = parts[order[rootPos[at]!]!]!
    if (product.annualUnits === null) continue
    const given = parts[c]!.annualUnits!
    const derived = unitsPerYear[at]!
    if (Math.abs(given - derived) > REL_TOLERANCE * Math.max(1, Math.abs(derived))) {
      issue(
        parts[c]!,
        'annual_units',
        'inconsistent_annual_units',
        `annual_units ${given} of "${parts[c]!.partId}" disagrees with ${derived} derived from "${product.partId}" (${product.annualUnits}/year × quantities); leave it empty below the top level`,
        String(derived),
        String(given)
      )
    }
  }
  if (issues.length > 0) return { ok: false, error: issues.sort((a, b) => a.line! - b.line!) }
  return {
    ok: true,
    value: { parent, order, pos, parentPos, qtyAtPos, unitsPerYear, elements },
  }
}

function countDescendants(i: number, start: Int32Array, children: Int32Array): number {
  let count = 0
  const stack = [i]
  while (stack.length > 0) {
    const x = stack.pop()!
    for (let k = start[x]!; k < start[x + 1]!; k++) {
      count++
      stack.push(children[k]!)
    }
  }
  return count
}
