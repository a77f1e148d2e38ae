/**
 * `npm run bench -- exposure`: a generated BOM of 1,000,000 parts, 10 levels deep (seeded), rolled up by the
 * typed-array `rollUp` (indexing and tree checks included) and by the straightforward recursive reference
 * (`rollUpRecursive`: object tree, a Map per part) over the same data. Each runs in its own child process so its
 * peak memory is its own; both report time (median of 3 after a warm-up) and peak RSS, and a checksum that must
 * agree. Targets: under 10 s and 2 GB, at least 5× the recursive version. Writes bench/results/exposure.json.
 *
 * Options: `--parts=N` (default 1,000,000), `--levels=L` (default 10).
 */
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { Element } from '../src/contracts/common'
import { ORIGIN_BASES } from '../src/contracts/exposure'
import { indexBom } from '../src/core/exposure/bomTree'
import { rollUp } from '../src/core/exposure/rollUp'
import { rollUpRecursive } from '../src/core/exposure/rollUpRecursive'
import { makePart } from '../src/core/exposure/testParts'
import type { BomPart } from '../src/core/exposure/types'
import { createRng } from '../src/core/shared/rng'
import { peakRssMb, writeResults, type BenchRow } from './results'

const COUNTRIES = [null, 'CHN', 'CHN', 'CHN', 'AUS', 'MYS', 'JPN', 'USA', 'EST', 'VNM'] as const
const ELEMENTS: Element[] = ['Nd', 'Pr', 'Dy', 'Tb', 'Fe', 'B']
const FORMS = ['magnet', 'magnet', 'metal', 'alloy', 'oxide', 'article'] as const
/** Synthetic prices (USD per kg of element) for the benchmark only: not data. */
const PRICES = new Map<Element, number>([
  ['Nd', 85],
  ['Pr', 89],
  ['Dy', 274],
])

/**
 * `n` parts on `levels` levels; level sizes double with depth, every part's parent sits on the level above, so
 * every level is non-empty and the deepest chain has exactly `levels` parts. Assemblies above, materials below.
 */
export function generateBom(n: number, levels: number, seed = 7): BomPart[] {
  const rng = createRng(seed)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng.next() * xs.length)]!
  const weights = Array.from({ length: levels }, (_, l) => 2 ** l)
  const total = weights.reduce((a, b) => a + b, 0)
  const sizes = weights.map((w) => Math.max(1, Math.floor((n * w) / total)))
  sizes[levels - 1]! += n - sizes.reduce((a, b) => a + b, 0)
  const parts: BomPart[] = []
  let prevStart = 0
  let prevSize = 0
  for (let l = 0; l < levels; l++) {
    const start = parts.length
    for (let k = 0; k < sizes[l]!; k++) {
      const id = `L${l}-${k}`
      if (l === 0) {
        parts.push(makePart({ partId: id, annualUnits: 100 + Math.floor(rng.next() * 9900) }))
        continue
      }
      const parent = parts[prevStart + Math.floor(rng.next() * prevSize)]!
      const material = l >= levels - 3
      const form = material ? pick(FORMS) : 'article'
      const e1 = pick(ELEMENTS)
      const e2 = pick(ELEMENTS)
      parts.push(
        makePart({
          partId: id,
          parentId: parent.partId,
          line: parts.length + 2,
          qtyPerParent: 1 + Math.floor(rng.next() * 4),
          form,
          massKg: material ? rng.next() : null,
          content: material
            ? e1 === e2
              ? [{ element: e1, fraction: 0.3 }]
              : [
                  { element: e1, fraction: 0.25 },
                  { element: e2, fraction: 0.05 },
                ]
            : [],
          composition: rng.next() < 0.2 ? 'library' : 'file',
          supplierCountry: pick(COUNTRIES),
          origins: [pick(COUNTRIES), pick(COUNTRIES), pick(COUNTRIES), pick(COUNTRIES)],
          originBasis: ORIGIN_BASES[Math.floor(rng.next() * 3)]!,
          valueUsd: material ? 1 + rng.next() * 100 : null,
        })
      )
    }
    prevStart = start
    prevSize = sizes[l]!
  }
  return parts
}

interface ChildResult {
  impl: 'fast' | 'recursive'
  seconds: number[]
  peakRssMb: number
  dataRssMb: number
  checksum: { kg: number; chinaUsd: number }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]!
}

function runFast(parts: BomPart[]): ChildResult['checksum'] {
  const index = indexBom(parts)
  if (!index.ok) throw new Error(`generated BOM invalid: ${index.error[0]?.message}`)
  const r = rollUp(parts, index.value, PRICES)
  let kg = 0
  for (const v of r.totalKg) kg += v
  let chinaUsd = 0
  for (let i = 0; i < parts.length; i++)
    if (parts[i]!.parentId === null) chinaUsd += r.chinaValueUsd[i]!
  return { kg, chinaUsd }
}

function runRecursive(parts: BomPart[]): ChildResult['checksum'] {
  const r = rollUpRecursive(parts, PRICES)
  let kg = 0
  for (const v of r.totals.values()) kg += v
  let chinaUsd = 0
  for (const p of parts) if (p.parentId === null) chinaUsd += r.chinaValue.get(p.partId) ?? 0
  return { kg, chinaUsd }
}

/** Child mode: generate the data, warm up on a small BOM, time three roll-ups, print one JSON line. */
function child(impl: 'fast' | 'recursive', n: number, levels: number): void {
  const run = impl === 'fast' ? runFast : runRecursive
  run(generateBom(20_000, levels, 1))
  const parts = generateBom(n, levels)
  globalThis.gc?.()
  const dataRssMb = process.memoryUsage().rss / 1024 / 1024
  const seconds: number[] = []
  let checksum = { kg: 0, chinaUsd: 0 }
  for (let k = 0; k < 3; k++) {
    const t0 = performance.now()
    checksum = run(parts)
    seconds.push((performance.now() - t0) / 1000)
    globalThis.gc?.()
  }
  const out: ChildResult = { impl, seconds, peakRssMb: peakRssMb(), dataRssMb, checksum }
  process.stdout.write(JSON.stringify(out) + '\n')
}

function spawnChild(impl: 'fast' | 'recursive', n: number, levels: number): Promise<ChildResult> {
  const self = fileURLToPath(import.meta.url)
  return new Promise((resolve, reject) => {
    const p = spawn(
      process.execPath,
      [
        '--expose-gc',
        '--max-old-space-size=8192',
        '--import',
        'tsx',
        self,
        '--child',
        impl,
        String(n),
        String(levels),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] }
    )
    let out = ''
    p.stdout.on('data', (d: Buffer) => (out += d.toString()))
    p.on('error', reject)
    p.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${impl} child exited with ${code}`))
      resolve(JSON.parse(out.trim().split('\n').pop()!) as ChildResult)
    })
  })
}

/** `--name=value` (bench/run.ts treats bare words as benchmark names). */
function option(args: string[], name: string, fallback: number): number {
  const a = args.find((x) => x.startsWith(`--${name}=`))
  return a === undefined ? fallback : Number(a.slice(name.length + 3))
}

export async function main(args: string[]): Promise<void> {
  const n = option(args, 'parts', 1_000_000)
  const levels = option(args, 'levels', 10)
  process.stdout.write(
    `generated BOM: ${n.toLocaleString('en')} parts, ${levels} levels (seed 7)\n`
  )
  const fast = await spawnChild('fast', n, levels)
  const slow = await spawnChild('recursive', n, levels)
  const agree =
    Math.abs(fast.checksum.kg - slow.checksum.kg) <= 1e-9 * fast.checksum.kg &&
    Math.abs(fast.checksum.chinaUsd - slow.checksum.chinaUsd) <= 1e-9 * fast.checksum.chinaUsd
  if (!agree) throw new Error(`results disagree: ${JSON.stringify([fast.checksum, slow.checksum])}`)
  const tf = median(fast.seconds)
  const ts = median(slow.seconds)
  const name = `roll-up ${n.toLocaleString('en')} parts × ${levels} levels`
  const peer = 'recursive roll-up (object tree, Map per part)'
  const rows: BenchRow[] = [
    {
      name,
      metric: 'seconds, median of 3 (lower is better)',
      value: tf,
      peer,
      peer_value: ts,
      ratio: ts / tf,
    },
    {
      name,
      metric: 'peak RSS MB, whole process incl. the generated BOM (lower is better)',
      value: fast.peakRssMb,
      peer,
      peer_value: slow.peakRssMb,
      ratio: slow.peakRssMb / fast.peakRssMb,
    },
    {
      name,
      metric: 'peak RSS MB above the loaded BOM, i.e. the roll-up itself (lower is better)',
      value: fast.peakRssMb - fast.dataRssMb,
      peer,
      peer_value: slow.peakRssMb - slow.dataRssMb,
      ratio: (slow.peakRssMb - slow.dataRssMb) / Math.max(1, fast.peakRssMb - fast.dataRssMb),
    },
  ]
  writeResults('exposure', rows)
  const ok = tf < 10 && fast.peakRssMb < 2048 && ts / tf >= 5
  process.stdout.write(
    `checksums agree (kg ${fast.checksum.kg.toExponential(6)}, China-origin USD ${fast.checksum.chinaUsd.toExponential(6)}); ` +
      `targets (< 10 s, < 2 GB, >= 5x): ${ok ? 'met' : 'NOT met'}\n`
  )
}

if (process.argv[2] === '--child') {
  child(process.argv[3] as 'fast' | 'recursive', Number(process.argv[4]), Number(process.argv[5]))
}
