/**
 * `npm run bench -- exposure`: a generated BOM of 1,000,000 parts, 10 levels deep (seeded), rolled up by the
 * typed-array `rollUp` (indexing and tree checks included) and by the straightforward recursive reference
 * (`rollUpRecursive`: object tree, a Map per part) over the same data. Time: both in one process, alternating,
 * median of 3 after a warm-up, checksums compared. Memory: each in its own process, so its peak RSS is its own.
 * Targets: under 10 s and 2 GB, at least 5× the recursive version. Writes bench/results/exposure.json.
 *
 * Options: `--parts=N` (default 1,000,000), `--levels=L` (default 10).
 */
import { spawn } from 'node:child_process'
import { loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import type { Element } from '../src/contracts/common'
import { ORIGIN_BASES } from '../src/contracts/exposure'
import { indexBom } from '../src/core/exposure/bomTree'
import { rollUp } from '../src/core/exposure/rollUp'
import { rollUpRecursive } from '../src/core/exposure/rollUpRecursive'
import { makePart } from '../src/core/exposure/testParts'
import type { BomPart, StageOrigins } from '../src/core/exposure/types'
import { createRng } from '../src/core/shared/rng'
import { peakRssMb, writeResults, type BenchRow } from './results'

const COUNTRIES = [null, 'CHN', 'CHN', 'CHN', 'AUS', 'MYS', 'JPN', 'USA', 'EST', 'VNM'] as const
const ELEMENTS: Element[] = ['Nd', 'Pr', 'Dy', 'Tb', 'Fe', 'B']
const NONE: BomPart['content'] = []
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
  // Like the reader, rows with the same elements cell or the same stage countries share one array.
  const compositions = new Map<string, BomPart['content']>()
  const composition = (e1: Element, e2: Element): BomPart['content'] => {
    const key = `${e1}|${e2}`
    let c = compositions.get(key)
    if (!c) {
      c =
        e1 === e2
          ? [{ element: e1, fraction: 0.3 }]
          : [
              { element: e1, fraction: 0.25 },
              { element: e2, fraction: 0.05 },
            ]
      compositions.set(key, c)
    }
    return c
  }
  const originSets = new Map<string, StageOrigins>()
  const originsOf = (...o: (string | null)[]): StageOrigins => {
    const key = o.join('|')
    let t = originSets.get(key)
    if (!t) {
      t = o as unknown as StageOrigins
      originSets.set(key, t)
    }
    return t
  }
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
          content: material ? composition(e1, e2) : NONE,
          composition: rng.next() < 0.2 ? 'library' : 'file',
          supplierCountry: pick(COUNTRIES),
          origins: originsOf(pick(COUNTRIES), pick(COUNTRIES), pick(COUNTRIES), pick(COUNTRIES)),
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

type Impl = 'fast' | 'recursive'

interface Checksum {
  kg: number
  chinaUsd: number
}

interface MemoryResult {
  peakRssMb: number
  dataRssMb: number
  seconds: number
  checksum: Checksum
}

interface TimeResult {
  fast: number[]
  recursive: number[]
  /** CPU seconds (user + system, every thread of the process, GC helpers included) of each run. */
  cpu: Record<Impl, number[]>
  checksum: Record<Impl, Checksum>
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]!
}

function runFast(parts: BomPart[]): Checksum {
  const index = indexBom(parts)
  if (!index.ok) throw new Error(`generated BOM invalid: ${index.error[0]?.message}`)
  const r = rollUp(parts, index.value, PRICES)
  let kg = 0
  for (const v of r.totalKg) kg += v
  let chinaUsd = 0
  for (let i = 0; i < parts.length; i++)
    if (parts[i]!.parentId === null) chinaUsd += r.chinaValueUsd[r.pos[i]!]!
  return { kg, chinaUsd }
}

function runRecursive(parts: BomPart[]): Checksum {
  const r = rollUpRecursive(parts, PRICES)
  let kg = 0
  for (const v of r.totals.values()) kg += v
  let chinaUsd = 0
  for (const p of parts) if (p.parentId === null) chinaUsd += r.chinaValue.get(p.partId) ?? 0
  return { kg, chinaUsd }
}

const RUN: Record<Impl, (parts: BomPart[]) => Checksum> = { fast: runFast, recursive: runRecursive }

function timed(impl: Impl, parts: BomPart[]): { seconds: number; cpu: number; checksum: Checksum } {
  globalThis.gc?.()
  const c0 = process.cpuUsage()
  const t0 = performance.now()
  const checksum = RUN[impl](parts)
  const seconds = (performance.now() - t0) / 1000
  const c = process.cpuUsage(c0)
  return { seconds, cpu: (c.user + c.system) / 1e6, checksum }
}

/**
 * Child modes. `memory <impl>`: generate, warm up on a small BOM, one roll-up; the process's peak RSS is that
 * implementation's alone. `time`: one data set, both implementations alternating three times (so a busy machine
 * slows both alike), each after a full GC.
 */
function child(mode: string, impl: Impl, n: number, levels: number): void {
  const small = generateBom(20_000, levels, 1)
  if (mode === 'memory') {
    RUN[impl](small)
    const parts = generateBom(n, levels)
    globalThis.gc?.()
    const dataRssMb = process.memoryUsage().rss / 1024 / 1024
    const { seconds, checksum } = timed(impl, parts)
    const out: MemoryResult = { peakRssMb: peakRssMb(), dataRssMb, seconds, checksum }
    process.stdout.write(JSON.stringify(out) + '\n')
    return
  }
  RUN.fast(small)
  RUN.recursive(small)
  const parts = generateBom(n, levels)
  const out: TimeResult = {
    fast: [],
    recursive: [],
    cpu: { fast: [], recursive: [] },
    checksum: { fast: { kg: 0, chinaUsd: 0 }, recursive: { kg: 0, chinaUsd: 0 } },
  }
  for (let k = 0; k < 3; k++) {
    for (const which of ['fast', 'recursive'] as const) {
      const r = timed(which, parts)
      out[which].push(r.seconds)
      out.cpu[which].push(r.cpu)
      out.checksum[which] = r.checksum
    }
  }
  process.stdout.write(JSON.stringify(out) + '\n')
}

function spawnChild<T>(args: string[]): Promise<T> {
  const self = fileURLToPath(import.meta.url)
  return new Promise((resolve, reject) => {
    const p = spawn(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', self, '--child', ...args],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      }
    )
    let out = ''
    p.stdout.on('data', (d: Buffer) => (out += d.toString()))
    p.on('error', reject)
    p.on('close', (code) => {
      if (code !== 0) return reject(new Error(`child ${args.join(' ')} exited with ${code}`))
      resolve(JSON.parse(out.trim().split('\n').pop()!) as T)
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
  const size = [String(n), String(levels)]
  process.stdout.write(
    `generated BOM: ${n.toLocaleString('en')} parts, ${levels} levels (seed 7)\n`
  )
  const time = await spawnChild<TimeResult>(['time', 'fast', ...size])
  const memFast = await spawnChild<MemoryResult>(['memory', 'fast', ...size])
  const memSlow = await spawnChild<MemoryResult>(['memory', 'recursive', ...size])
  const a = time.checksum.fast
  const b = time.checksum.recursive
  const agree =
    Math.abs(a.kg - b.kg) <= 1e-9 * a.kg && Math.abs(a.chinaUsd - b.chinaUsd) <= 1e-9 * a.chinaUsd
  if (!agree) throw new Error(`results disagree: ${JSON.stringify(time.checksum)}`)
  const tf = median(time.fast)
  const ts = median(time.recursive)
  const name = `roll-up ${n.toLocaleString('en')} parts × ${levels} levels`
  const peer = 'recursive roll-up (object tree, Map per part)'
  const extraFast = memFast.peakRssMb - memFast.dataRssMb
  const extraSlow = memSlow.peakRssMb - memSlow.dataRssMb
  const rows: BenchRow[] = [
    {
      name,
      metric: 'seconds, median of 3 alternating runs in one process (lower is better)',
      value: tf,
      peer,
      peer_value: ts,
      ratio: ts / tf,
    },
    {
      name,
      metric: 'CPU seconds (user+system, all threads), median of the same runs (lower is better)',
      value: median(time.cpu.fast),
      peer,
      peer_value: median(time.cpu.recursive),
      ratio: median(time.cpu.recursive) / median(time.cpu.fast),
    },
    {
      name,
      metric: 'peak RSS MB, own process incl. the generated BOM (lower is better)',
      value: memFast.peakRssMb,
      peer,
      peer_value: memSlow.peakRssMb,
      ratio: memSlow.peakRssMb / memFast.peakRssMb,
    },
    {
      name,
      metric: 'peak RSS MB above the loaded BOM, i.e. the roll-up itself (lower is better)',
      value: extraFast,
      peer,
      peer_value: extraSlow,
      ratio: extraSlow / Math.max(1, extraFast),
    },
  ]
  writeResults('exposure', rows)
  const ok = tf < 10 && memFast.peakRssMb < 2048 && ts / tf >= 5
  process.stdout.write(
    `runs (s): fast ${time.fast.map((x) => x.toFixed(2)).join(', ')}; recursive ${time.recursive.map((x) => x.toFixed(2)).join(', ')}\n` +
      `checksums agree (kg ${a.kg.toExponential(6)}, China-origin USD ${a.chinaUsd.toExponential(6)}); ` +
      `targets (< 10 s, < 2 GB, >= 5x): ${ok ? 'met' : 'NOT met'}; load average at the end ${loadavg()[0]!.toFixed(2)}\n`
  )
}

if (process.argv[2] === '--child') {
  child(process.argv[3]!, process.argv[4] as Impl, Number(process.argv[5]), Number(process.argv[6]))
}
