/**
 * `npm run bench -- licence [--n 1000000] [--peer 2000] [--sample 2000]`: determinations per second on one thread
 * over N deterministic synthetic shipments (elements, forms, destinations, dates, end users, origins), against
 * json-rules-engine encoding the same compiled rulebook, measured in the same run; verdicts are compared on a
 * sample. Results: bench/results/licence.json.
 */
import { availableParallelism, loadavg } from 'node:os'
import { ELEMENTS, type Element, type Form } from '../src/contracts/common'
import type { Shipment } from '../src/contracts/licence'
import { determine } from '../src/core/controls'
import { addDays } from '../src/core/controls/dates'
import { createRng } from '../src/core/shared/rng'
import { loadShippedRulebook } from '../src/services/controls'
import { buildPeerEngine, peerVerdict } from './licencePeer'
import { peakRssMb, writeResults, type BenchRow } from './results'

/** Synthetic mixes (not data): weights only shape the workload. */
const ELEMENT_SETS: (Element[] | null)[] = [
  ['Nd', 'Pr', 'Dy'], ['Nd', 'Pr', 'Tb'], ['Nd', 'Pr'], ['Nd', 'Pr', 'Dy', 'Tb'], ['Dy'], ['Tb'], ['Sm', 'Co'],
  ['Gd'], ['Y'], ['Sc'], ['Lu'], ['La'], ['Ce'], ['Ho'], ['Er'], ['Ga'], ['Ge'], ['Sb'], ['W'], ['C'], ['In'],
  ['Ni', 'Co', 'Mn'], null,
] // prettier-ignore
const FORMS_MIX: Form[] = ['magnet', 'magnet', 'magnet', 'oxide', 'oxide', 'metal', 'alloy', 'compound', 'target', 'article', 'technology', 'equipment'] // prettier-ignore
const DESTINATIONS = ['USA', 'USA', 'JPN', 'JPN', 'DEU', 'KOR', 'VNM', 'IND', 'GBR', 'FRA', 'MEX', 'TWN', 'CHN'] // prettier-ignore
const END_USERS = [undefined, undefined, undefined, 'Example Motors Inc.', 'Example Denki K.K.', 'TDK Corp.', 'Hino Motor Ltd', 'MHI Aero Engines, Ltd.', 'ＮＩＴＴＯ ＤＥＮＫＯ', 'Mitsubishi Electric Defense Systems', 'Example Drives GmbH', 'ENEOS Holdings'] // prettier-ignore
const END_USES = ['civilian', 'civilian', 'civilian', 'unknown', 'unknown', 'military', 'military_capability', 'wmd', 'advanced_chips', 'medical_emergency'] as const // prettier-ignore
const END_USER_TYPES = ['civilian', 'civilian', 'unknown', 'unknown', 'military', 'government', 'research'] as const // prettier-ignore
const HS = ['8505111000', '2846901940', '8486909110', '8112929010', '2805301910', '284690', '84798999'] // prettier-ignore
const SHARES = [0, 0.0005, 0.001, 0.002, 0.05]

/** N shipments from a seeded generator (same seed, same shipments). */
export function syntheticShipments(n: number, seed = 20261128): Shipment[] {
  const rng = createRng(seed)
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rng.next() * a.length)] as T
  const out: Shipment[] = new Array<Shipment>(n)
  for (let i = 0; i < n; i++) {
    const els = pick(ELEMENT_SETS)
    const exporter = rng.next() < 0.8 ? 'CHN' : pick(['DEU', 'JPN', 'VNM', 'KOR'])
    const s: Shipment = {
      id: `s${i}`,
      date: addDays('2023-01-01', Math.floor(rng.next() * 1640)),
      exporter_country: exporter,
      form: pick(FORMS_MIX),
      destination: pick(DESTINATIONS.filter((d) => d !== exporter)),
      end_user_type: pick(END_USER_TYPES),
      end_use: pick(END_USES),
    }
    if (els) s.elements = els.map((element) => ({ element, fraction: null }))
    if (rng.next() < 0.1) s.hs_code = pick(HS)
    const user = pick(END_USERS)
    if (user) s.end_user = user
    if (exporter !== 'CHN') {
      if (rng.next() < 0.4) s.made_in = 'CHN'
      if (rng.next() < 0.8) s.cn_content_value_share = pick(SHARES)
      if (rng.next() < 0.7) s.made_with_cn_technology = rng.next() < 0.2
    }
    out[i] = s
  }
  return out
}

function flag(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`)
  const v = i >= 0 ? Number(args[i + 1]) : fallback
  return Number.isFinite(v) && v > 0 ? v : fallback
}

export async function main(args: string[]): Promise<void> {
  const n = flag(args, 'n', 1_000_000)
  const peerN = flag(args, 'peer', 2_000)
  const sampleN = Math.min(flag(args, 'sample', 2_000), peerN)
  const t0 = performance.now()
  const rb = await loadShippedRulebook()
  const compileMs = performance.now() - t0
  const ships = syntheticShipments(n)
  process.stdout.write(
    `rulebook ${rb.version}: ${rb.rules.length} rules; ${n} synthetic shipments\n`
  )

  // Ours: one thread, best of 3 passes after a warm-up; wall clock and CPU time.
  for (let i = 0; i < Math.min(n, 200_000); i++) determine(rb, ships[i] as Shipment)
  let bestWall = Infinity
  let bestCpu = Infinity
  let checksum = 0
  for (let rep = 0; rep < 3; rep++) {
    const cpu0 = process.cpuUsage()
    const w0 = performance.now()
    let sum = 0
    for (let i = 0; i < n; i++) sum += determine(rb, ships[i] as Shipment).measures.length
    const wall = (performance.now() - w0) / 1000
    const cpu = process.cpuUsage(cpu0).user / 1e6
    bestWall = Math.min(bestWall, wall)
    bestCpu = Math.min(bestCpu, cpu)
    checksum = sum
  }
  const ours = n / bestWall
  const oursCpu = n / bestCpu
  const load = loadavg()[0] ?? 0

  // Peer: json-rules-engine over the first `peerN` shipments, one at a time (its run is async).
  const { engine, rules } = buildPeerEngine(rb)
  for (let i = 0; i < 200; i++) await peerVerdict(engine, ships[i] as Shipment)
  const p0 = performance.now()
  const pc0 = process.cpuUsage()
  const peerVerdicts: string[] = []
  for (let i = 0; i < peerN; i++) peerVerdicts.push(await peerVerdict(engine, ships[i] as Shipment))
  const peerWall = (performance.now() - p0) / 1000
  const peerCpu = process.cpuUsage(pc0).user / 1e6
  const peer = peerN / peerWall
  const peerRateCpu = peerN / peerCpu

  let agree = 0
  const disagreements: string[] = []
  for (let i = 0; i < sampleN; i++) {
    const s = ships[i] as Shipment
    const ourVerdict = determine(rb, s).verdict
    if (ourVerdict === peerVerdicts[i]) agree++
    else if (disagreements.length < 5)
      disagreements.push(`${JSON.stringify(s)}: ours ${ourVerdict}, peer ${peerVerdicts[i]}`)
  }
  const peerName = `json-rules-engine 7.3 (same rulebook as ${rules} rules)`
  const name = `licence determinations, ${n.toLocaleString('en')} synthetic shipments`
  const rows: BenchRow[] = [
    {
      name,
      metric: 'determinations per second, one thread, wall clock (higher is better)',
      value: ours,
      peer: peerName,
      peer_value: peer,
      ratio: ours / peer,
    },
    {
      name,
      metric: 'determinations per second, one thread, CPU time (higher is better)',
      value: oursCpu,
      peer: peerName,
      peer_value: peerRateCpu,
      ratio: oursCpu / peerRateCpu,
    },
    {
      name: `verdict agreement on the first ${sampleN} shipments`,
      metric: 'share of shipments with the same verdict (1 = all)',
      value: agree / sampleN,
      peer: peerName,
      peer_value: null,
      ratio: null,
    },
    {
      name: 'compile the shipped rulebook (41 measures + operative overlay)',
      metric: 'milliseconds, including reading and validating both files (lower is better)',
      value: compileMs,
      peer: null,
      peer_value: null,
      ratio: null,
    },
    {
      name,
      metric: 'peak RSS MB, whole process incl. the generated shipments (lower is better)',
      value: peakRssMb(),
      peer: null,
      peer_value: null,
      ratio: null,
    },
  ]
  rows.push({
    name: 'machine load while our passes ran',
    metric: `1-minute load average on ${availableParallelism()} cores (wall-clock rates shrink when it exceeds the core count)`,
    value: load,
    peer: null,
    peer_value: null,
    ratio: null,
  })
  writeResults('licence', rows)
  for (const d of disagreements) process.stdout.write(`disagreement: ${d}\n`)
  const agreeOk = agree === sampleN
  const verdict = (rate: number, peerRate: number, what: string) =>
    `${what} ${rate >= 1e6 ? '>=' : '<'} 1M/s and ${(rate / peerRate).toFixed(0)}x the peer`
  process.stdout.write(
    `checksum ${checksum}; elements in the vocabulary: ${ELEMENTS.length}; load ${load.toFixed(1)}\n` +
      `targets: ${verdict(oursCpu, peerRateCpu, 'CPU-time rate')}; ${verdict(ours, peer, 'wall-clock rate')}; verdicts ${agreeOk ? 'agree' : 'DISAGREE'}\n`
  )
}
