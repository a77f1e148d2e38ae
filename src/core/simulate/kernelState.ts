/**
 * The state of one chunk of runs as a struct of typed arrays (runs innermost), built from the model and the
 * runs' init draws. Run r draws from createRng(seed, runStart + r): first one uniform per parameter in index
 * order, then one per disruption (does it happen in this run?).
 *
 * Kernel module: indexed loops over typed arrays use `!` (noUncheckedIndexedAccess); indexes are in range by
 * construction.
 */
import { createRng, type Rng } from '../shared/rng'
import { quantileOf } from './distributions'
import { NONE, TRIGGER_START, type CompiledMaterial, type CompiledModel } from './model'
import { runTotalsFor, type RunTotals } from './runTotals'

const INF = Number.POSITIVE_INFINITY
const EMPTY = new Float64Array(0)

/** One material's per-run parameter columns (empty arrays for parameters not given). */
export interface MaterialColumns {
  demandLevel: Float64Array
  subLag: Float64Array
  subRate: Float64Array
  subMax: Float64Array
  subCost: Float64Array
  spBelowT: Float64Array
  spBelowCover: Float64Array
  spRate: Float64Array
  spLag: Float64Array
  spPremium: Float64Array
  unmetCost: Float64Array
  level: Float64Array
  coverDays: Float64Array
  sLow: Float64Array
  sHigh: Float64Array
}

export class KernelState {
  readonly R: number
  readonly H: number
  readonly M: number
  readonly W: number
  readonly rngs: Rng[]
  readonly overrides: Readonly<Record<number, number>>
  /** Parameter values, [param * R + run]. */
  readonly vals: Float64Array
  readonly columns: MaterialColumns[]
  // Lanes, [lane * R + run].
  readonly cap: Float64Array
  readonly capEff: Float64Array
  readonly lead: Int32Array
  readonly price: Float64Array
  readonly priceMult: Float64Array
  /** Extra cost per tonne shipped on the lane today: (price x price factor - baseline price) x 1000. */
  readonly premium: Float64Array
  readonly online: Float64Array
  readonly ramp: Float64Array
  readonly gated: Uint8Array
  /** Per material, its lanes in priority order: offset of the lane's runs (lane x R), and gated (starts late). */
  readonly laneBase: Int32Array[]
  readonly laneGated: Uint8Array[]
  // Materials, [material * R + run].
  readonly onHand: Float64Array
  readonly open: Float64Array
  readonly inTransit: Float64Array
  readonly basePrice: Float64Array
  readonly holdLevel: Float64Array
  readonly subStart: Float64Array
  readonly spLeft: Float64Array
  readonly spActive: Float64Array
  readonly cost: Float64Array
  readonly unmetSum: Float64Array
  readonly demandSum: Float64Array
  readonly firstOut: Int32Array
  readonly lastOut: Int32Array
  /** Arrivals by day modulo W, [(slot * M + material) * R + run]. */
  readonly ring: Float64Array
  // Disruptions [d * R + run] and slots [k * R + run].
  readonly occurs: Uint8Array
  readonly dStart: Float64Array
  readonly dEnd: Float64Array
  readonly dValue: Float64Array
  readonly state: Uint8Array
  readonly nextEvent: Float64Array
  /** Per slot: the earliest next event over the chunk's runs (lets a day skip a quiet slot). */
  readonly slotNext: Float64Array
  readonly licensed: Uint8Array
  readonly decision: Float64Array
  readonly expiry: Float64Array
  readonly factor: Float64Array
  readonly priceFactor: Float64Array
  readonly laneSlots: number[][]
  // Whole-scenario series, [run].
  readonly anyOut: Uint8Array
  readonly anyFirst: Int32Array
  readonly anyLast: Int32Array
  readonly totalInventory: Float64Array
  readonly totals: RunTotals | null

  constructor(
    readonly model: CompiledModel,
    seed: number,
    runStart: number,
    runCount: number,
    overrides: Readonly<Record<number, number>>,
    collect: boolean
  ) {
    const R = runCount
    const H = model.horizon
    const M = model.materials.length
    const L = model.lanes.length
    const P = model.params.length
    const D = model.disruptions.length
    const S = model.slots.length
    this.R = R
    this.H = H
    this.M = M
    this.overrides = overrides
    this.rngs = []
    for (let r = 0; r < R; r++) this.rngs.push(createRng(seed, runStart + r))

    this.vals = new Float64Array(P * R)
    this.occurs = new Uint8Array(D * R)
    for (let r = 0; r < R; r++) {
      const rng = this.rngs[r]!
      for (let p = 0; p < P; p++) {
        const drawn = rng.next()
        const spec = model.params[p]!
        if (!spec.dynamic) this.vals[p * R + r] = quantileOf(spec.dist, overrides[p] ?? drawn)
      }
      for (let d = 0; d < D; d++)
        this.occurs[d * R + r] = rng.next() < model.disruptions[d]!.probability ? 1 : 0
    }
    this.columns = model.materials.map((m) => this.materialColumns(m))

    const LR = L * R
    this.cap = new Float64Array(LR)
    this.capEff = new Float64Array(LR)
    this.lead = new Int32Array(LR)
    this.price = new Float64Array(LR)
    this.priceMult = new Float64Array(LR).fill(1)
    this.premium = new Float64Array(LR)
    this.online = new Float64Array(LR)
    this.ramp = new Float64Array(LR)
    this.gated = new Uint8Array(L)
    let maxLead = 1
    for (let l = 0; l < L; l++) {
      const lane = model.lanes[l]!
      const gated =
        lane.onlineDay > 0 || lane.onlineDelayParams.length > 0 || lane.rampParam !== NONE
      this.gated[l] = gated ? 1 : 0
      for (let r = 0; r < R; r++) {
        const i = l * R + r
        let c = lane.capScale
        for (const p of lane.capParams) c *= this.value(p, r)
        this.cap[i] = c
        this.capEff[i] = c
        const lt = Math.min(H, Math.max(1, Math.round(this.value(lane.leadParam, r))))
        this.lead[i] = lt
        if (lt > maxLead) maxLead = lt
        this.price[i] = this.value(lane.costParam, r)
        let on = lane.onlineDay
        for (const p of lane.onlineDelayParams) on += Math.round(this.value(p, r))
        this.online[i] = on
        this.ramp[i] = lane.rampParam === NONE ? 0 : this.value(lane.rampParam, r)
      }
    }
    this.W = maxLead + 1
    this.laneBase = model.materials.map((m) => Int32Array.from(m.lanes, (l) => l * R))
    this.laneGated = model.materials.map((m) => Uint8Array.from(m.lanes, (l) => this.gated[l]!))

    const MR = M * R
    this.onHand = new Float64Array(MR)
    this.open = new Float64Array(MR)
    this.inTransit = new Float64Array(MR)
    this.basePrice = new Float64Array(MR)
    this.holdLevel = new Float64Array(MR)
    this.subStart = new Float64Array(MR).fill(INF)
    this.spLeft = new Float64Array(MR)
    this.spActive = new Float64Array(MR).fill(INF)
    this.cost = new Float64Array(MR)
    this.unmetSum = new Float64Array(MR)
    this.demandSum = new Float64Array(MR)
    this.firstOut = new Int32Array(MR).fill(-1)
    this.lastOut = new Int32Array(MR).fill(-1)
    this.ring = new Float64Array(this.W * MR)
    this.totals = collect ? runTotalsFor(M, R) : null
    model.materials.forEach((mat, m) => this.initMaterial(mat, m))
    model.lanes.forEach((lane, l) => {
      for (let r = 0; r < R; r++) this.updatePremium(l, lane.material, r)
    })

    const DR = D * R
    this.dStart = new Float64Array(DR)
    this.dEnd = new Float64Array(DR)
    this.dValue = new Float64Array(DR)
    for (let d = 0; d < D; d++) {
      const dis = model.disruptions[d]!
      for (let r = 0; r < R; r++) {
        const start = Math.round(this.value(dis.startParam, r))
        this.dStart[d * R + r] = start
        this.dEnd[d * R + r] =
          dis.durationParam === NONE
            ? INF
            : start + Math.max(0, Math.round(this.value(dis.durationParam, r)))
        this.dValue[d * R + r] = dis.valueParam === NONE ? 0 : this.value(dis.valueParam, r)
      }
    }
    const SR = S * R
    this.state = new Uint8Array(SR)
    this.nextEvent = new Float64Array(SR)
    this.slotNext = new Float64Array(S).fill(INF)
    this.licensed = new Uint8Array(SR)
    this.decision = new Float64Array(SR).fill(INF)
    this.expiry = new Float64Array(SR).fill(INF)
    this.factor = new Float64Array(SR).fill(1)
    this.priceFactor = new Float64Array(SR).fill(1)
    this.laneSlots = model.lanes.map(() => [])
    model.slots.forEach((slot, k) => this.laneSlots[slot.lane]!.push(k))
    for (let k = 0; k < S; k++) {
      const d = model.slots[k]!.disruption
      for (let r = 0; r < R; r++) {
        const live = this.occurs[d * R + r] === 1
        this.state[k * R + r] = live ? 0 : 2
        this.nextEvent[k * R + r] = live ? this.dStart[d * R + r]! : INF
        if (this.nextEvent[k * R + r]! < this.slotNext[k]!)
          this.slotNext[k] = this.nextEvent[k * R + r]!
      }
    }

    this.anyOut = new Uint8Array(R)
    this.anyFirst = new Int32Array(R).fill(-1)
    this.anyLast = new Int32Array(R).fill(-1)
    this.totalInventory = new Float64Array(R)
  }

  /** Recomputes a lane's extra cost per tonne after its price factor changed. */
  updatePremium(l: number, m: number, r: number): void {
    const i = l * this.R + r
    this.premium[i] = (this.price[i]! * this.priceMult[i]! - this.basePrice[m * this.R + r]!) * 1000
  }

  value(p: number, r: number): number {
    return this.vals[p * this.R + r]!
  }

  /** Fraction of a lane's capacity available on day t (0 before it starts, then a linear ramp). */
  rampAt(i: number, t: number): number {
    const on = this.online[i]!
    if (t < on) return 0
    const rd = this.ramp[i]!
    return rd > 0 ? Math.min(1, (t - on + 1) / rd) : 1
  }

  private column(p: number): Float64Array {
    return p === NONE ? EMPTY : this.vals.subarray(p * this.R, (p + 1) * this.R)
  }

  private materialColumns(m: CompiledMaterial): MaterialColumns {
    const c = (p: number) => this.column(p)
    return {
      demandLevel: c(m.demandParam),
      subLag: c(m.subLagParam),
      subRate: c(m.subRateParam),
      subMax: c(m.subMaxParam),
      subCost: c(m.subCostParam),
      spBelowT: c(m.spBelowTParam),
      spBelowCover: c(m.spBelowCoverParam),
      spRate: c(m.spRateParam),
      spLag: c(m.spLagParam),
      spPremium: c(m.spPremiumParam),
      unmetCost: c(m.unmetCostParam),
      level: c(m.levelParam),
      coverDays: c(m.coverDaysParam),
      sLow: c(m.sParam),
      sHigh: c(m.bigSParam),
    }
  }

  /** Starting stock, stockpile, baseline price and (when `steady`) goods in transit as if supply had flowed. */
  private initMaterial(mat: CompiledMaterial, m: number): void {
    const { R, M } = this
    const d0 = mat.demandSeries ? mat.demandSeries[0]! : 0
    for (let r = 0; r < R; r++) {
      const i = m * R + r
      this.onHand[i] = this.value(mat.inventoryParam, r)
      this.basePrice[i] = this.price[mat.lanes[0]! * R + r]!
      if (mat.spQuantityParam !== NONE) this.spLeft[i] = this.value(mat.spQuantityParam, r)
      if (mat.subTrigger === TRIGGER_START) this.subStart[i] = this.value(mat.subLagParam, r)
      if (mat.steadyPipeline) {
        let remaining = mat.demandSeries ? d0 : this.value(mat.demandParam, r)
        for (const l of mat.lanes) {
          const li = l * R + r
          const c = this.cap[li]! * this.rampAt(li, 0)
          const f = remaining < c ? remaining : c
          remaining -= f
          if (f <= 0) continue
          const lt = this.lead[li]!
          for (let k = 0; k < lt; k++) {
            const a = (k * M + m) * R + r
            this.ring[a] = this.ring[a]! + f
          }
          this.inTransit[i] = this.inTransit[i]! + f * lt
        }
      }
      this.holdLevel[i] = this.onHand[i]! + this.inTransit[i]!
      if (this.totals) {
        this.totals.initialOnHand[i] = this.onHand[i]!
        this.totals.initialInTransit[i] = this.inTransit[i]!
      }
    }
  }
}
