/**
 * A straightforward object-per-run implementation of the same model: one run at a time, objects for materials,
 * lanes, shipments and disruption slots, every path stored and sorted for exact quantiles. It is the peer of the
 * benchmark and the oracle of the tests (same seed → same runs as the vectorised kernel); not for production.
 */
import { createRng, type Rng } from '../shared/rng'
import { quantileOf } from './distributions'
import {
  EFFECT_BAN,
  EFFECT_CUT,
  EFFECT_LICENCE,
  EFFECT_PRICE,
  NONE,
  POLICY_BASE_STOCK,
  POLICY_S_S,
  TRIGGER_DISRUPTION,
  TRIGGER_SHORTAGE,
  TRIGGER_START,
  type CompiledModel,
} from './model'
import { ZERO_EPSILON } from './sketch'
import { calendarDaysForWorkingDays, weekdayOfDayNumber } from './workingDays'

interface Shipment {
  day: number
  quantity: number
}

interface MaterialRun {
  onHand: number
  open: number
  inTransit: number
  shipments: Shipment[]
  holdLevel: number
  basePrice: number
  subStart: number
  stockpile: number
  stockpileFrom: number
  unmet: number
  demand: number
  cost: number
  firstOut: number
  lastOut: number
  inventory: number[]
  shortDays: number[]
}

interface LaneRun {
  capacity: number
  lead: number
  price: number
  online: number
  ramp: number
  factor: number
  priceFactor: number
}

interface SlotRun {
  state: 'waiting' | 'active' | 'done'
  next: number
  licensed: boolean
  decision: number
  expiry: number
  factor: number
  priceFactor: number
}

/** One run's outcome (the whole scenario is `total`). */
export interface ReferenceRecord {
  unmet: number
  demand: number
  cost: number
  firstOut: number
  lastOut: number
  inventory: number[]
  shortDays: number[]
}

/** One run's outcome per material and for the whole scenario. */
export interface ReferenceRun {
  materials: ReferenceRecord[]
  total: ReferenceRecord
}

const INF = Number.POSITIVE_INFINITY

/** Simulates run `runIndex` of the model. */
export function referenceRun(
  model: CompiledModel,
  seed: number,
  runIndex: number,
  overrides: Readonly<Record<number, number>> = {}
): ReferenceRun {
  const rng: Rng = createRng(seed, runIndex)
  const values = model.params.map((p, k) => {
    const drawn = rng.next()
    return p.dynamic ? 0 : quantileOf(p.dist, overrides[k] ?? drawn)
  })
  const occurs = model.disruptions.map((d) => rng.next() < d.probability)
  const value = (p: number) => values[p] ?? 0
  const H = model.horizon

  const lanes: LaneRun[] = model.lanes.map((lane) => ({
    capacity: lane.capParams.reduce((c, p) => c * value(p), lane.capScale),
    lead: Math.min(H, Math.max(1, Math.round(value(lane.leadParam)))),
    price: value(lane.costParam),
    online: lane.onlineDelayParams.reduce((on, p) => on + Math.round(value(p)), lane.onlineDay),
    ramp: lane.rampParam === NONE ? 0 : value(lane.rampParam),
    factor: 1,
    priceFactor: 1,
  }))
  const rampAt = (lane: LaneRun, t: number) =>
    t < lane.online ? 0 : lane.ramp > 0 ? Math.min(1, (t - lane.online + 1) / lane.ramp) : 1

  const materials: MaterialRun[] = model.materials.map((mat) => {
    const run: MaterialRun = {
      onHand: value(mat.inventoryParam),
      open: 0,
      inTransit: 0,
      shipments: [],
      holdLevel: 0,
      basePrice: lanes[mat.lanes[0]!]!.price,
      subStart: mat.subTrigger === TRIGGER_START ? value(mat.subLagParam) : INF,
      stockpile: mat.spQuantityParam === NONE ? 0 : value(mat.spQuantityParam),
      stockpileFrom: INF,
      unmet: 0,
      demand: 0,
      cost: 0,
      firstOut: -1,
      lastOut: -1,
      inventory: [],
      shortDays: [],
    }
    if (mat.steadyPipeline) {
      let remaining = mat.demandSeries ? mat.demandSeries[0]! : value(mat.demandParam)
      for (const l of mat.lanes) {
        const lane = lanes[l]!
        const flow = Math.min(remaining, lane.capacity * rampAt(lane, 0))
        remaining -= flow
        if (flow <= 0) continue
        for (let k = 0; k < lane.lead; k++) run.shipments.push({ day: k, quantity: flow })
        run.inTransit += flow * lane.lead
      }
    }
    run.holdLevel = run.onHand + run.inTransit
    return run
  })

  const slots: SlotRun[] = model.slots.map((slot) => ({
    state: occurs[slot.disruption] ? 'waiting' : 'done',
    next: occurs[slot.disruption]
      ? Math.round(value(model.disruptions[slot.disruption]!.startParam))
      : INF,
    licensed: false,
    decision: INF,
    expiry: INF,
    factor: 1,
    priceFactor: 1,
  }))
  const applicationDays = (delayParam: number, day: number, refiling: boolean) => {
    const drawn = rng.next()
    const wd = quantileOf(model.params[delayParam]!.dist, overrides[delayParam] ?? drawn)
    const days = calendarDaysForWorkingDays(weekdayOfDayNumber(model.startDayNumber + day), wd)
    return refiling ? Math.max(1, days) : days
  }

  const total: ReferenceRecord = {
    unmet: 0,
    demand: 0,
    cost: 0,
    firstOut: -1,
    lastOut: -1,
    inventory: [],
    shortDays: [],
  }
  for (let t = 0; t < H; t++) {
    model.slots.forEach((slot, k) => {
      const s = slots[k]!
      while (s.next <= t) {
        const dis = model.disruptions[slot.disruption]!
        const start = Math.round(value(dis.startParam))
        const end =
          dis.durationParam === NONE
            ? INF
            : start + Math.max(0, Math.round(value(dis.durationParam)))
        const amount = dis.valueParam === NONE ? 0 : value(dis.valueParam)
        const ev = s.next
        if (s.state === 'waiting') {
          if (ev >= end) {
            s.state = 'done'
            s.next = INF
            continue
          }
          s.state = 'active'
          const m = model.lanes[slot.lane]!.material
          const mat = model.materials[m]!
          if (mat.subTrigger === TRIGGER_DISRUPTION && materials[m]!.subStart === INF)
            materials[m]!.subStart = ev + value(mat.subLagParam)
          if (dis.kind === EFFECT_BAN) s.factor = 0
          else if (dis.kind === EFFECT_CUT) s.factor = 1 - amount
          else if (dis.kind === EFFECT_PRICE) s.priceFactor = amount
          else {
            s.factor = 0
            s.licensed = false
            s.decision = ev + applicationDays(dis.delayParam, ev, false)
          }
          s.next = dis.kind === EFFECT_LICENCE ? Math.min(s.decision, end) : end
        } else if (ev >= end) {
          s.state = 'done'
          s.factor = 1
          s.priceFactor = 1
          s.next = INF
        } else if (!s.licensed && ev === s.decision) {
          if (rng.next() < amount) {
            s.licensed = true
            s.factor = 1
            s.expiry =
              dis.validityParam === NONE
                ? INF
                : ev + Math.max(1, Math.round(value(dis.validityParam)))
            s.next = Math.min(s.expiry, end)
          } else if (dis.reapply) {
            s.decision = ev + applicationDays(dis.delayParam, ev, true)
            s.next = Math.min(s.decision, end)
          } else s.next = end
        } else {
          s.licensed = false
          s.factor = 0
          s.decision = ev + applicationDays(dis.delayParam, ev, true)
          s.next = Math.min(s.decision, end)
        }
        const lane = lanes[slot.lane]!
        lane.factor = 1
        lane.priceFactor = 1
        model.slots.forEach((other, q) => {
          if (other.lane !== slot.lane) return
          lane.factor *= slots[q]!.factor
          lane.priceFactor *= slots[q]!.priceFactor
        })
      }
    })

    let anyOut = false
    let inventory = 0
    model.materials.forEach((mat, m) => {
      const run = materials[m]!
      let arrived = 0
      const still: Shipment[] = []
      for (const s of run.shipments) {
        if (s.day === t) arrived += s.quantity
        else still.push(s)
      }
      run.shipments = still
      let stock = run.onHand + arrived
      run.inTransit -= arrived
      const gross = mat.demandSeries ? mat.demandSeries[t]! : value(mat.demandParam)
      let demand = gross
      let extra = 0
      if (mat.subRateParam !== NONE && t > run.subStart) {
        const grown = (value(mat.subRateParam) * (t - run.subStart)) / 365
        const share = Math.min(grown, value(mat.subMaxParam))
        demand = gross * (1 - share)
        extra += (gross - demand) * 1000 * value(mat.subCostParam)
      }
      if (mat.spQuantityParam !== NONE && run.stockpile > 0) {
        const trigger =
          mat.spBelowTParam !== NONE
            ? value(mat.spBelowTParam)
            : value(mat.spBelowCoverParam) * demand
        if (run.stockpileFrom === INF && (stock < trigger || stock < demand))
          run.stockpileFrom = t + Math.round(value(mat.spLagParam))
        if (t >= run.stockpileFrom && stock < demand) {
          const release = Math.min(run.stockpile, value(mat.spRateParam), demand - stock)
          stock += release
          run.stockpile -= release
          extra += release * 1000 * value(mat.spPremiumParam)
        }
      }
      const served = Math.min(stock, demand)
      const unmet = demand - served
      stock -= served
      run.onHand = stock
      if (unmet > ZERO_EPSILON) {
        if (run.firstOut < 0) run.firstOut = t
        run.lastOut = t
        run.shortDays.push(t)
        anyOut = true
        if (mat.subTrigger === TRIGGER_SHORTAGE && run.subStart === INF)
          run.subStart = t + value(mat.subLagParam)
        if (mat.unmetCostParam !== NONE) extra += unmet * 1000 * value(mat.unmetCostParam)
      }
      run.unmet += unmet
      run.demand += gross
      run.cost += extra
      const position = stock + run.open + run.inTransit
      if (mat.policy === POLICY_BASE_STOCK && t % mat.reviewDays === 0) {
        const target =
          mat.levelParam !== NONE
            ? value(mat.levelParam)
            : mat.coverDaysParam !== NONE
              ? value(mat.coverDaysParam) * gross
              : run.holdLevel
        if (position < target) run.open += target - position
      } else if (mat.policy === POLICY_S_S && position <= value(mat.sParam)) {
        run.open += value(mat.bigSParam) - position
      }
      run.inventory.push(stock)
      inventory += stock
      for (const l of mat.lanes) {
        const lane = lanes[l]!
        if (run.open <= 0) continue
        const capacity = lane.capacity * lane.factor * rampAt(lane, t)
        const x = Math.min(run.open, capacity)
        if (x <= 0) continue
        run.open -= x
        run.shipments.push({ day: t + lane.lead, quantity: x })
        run.inTransit += x
        run.cost += x * ((lane.price * lane.priceFactor - run.basePrice) * 1000)
      }
    })
    if (anyOut) {
      if (total.firstOut < 0) total.firstOut = t
      total.lastOut = t
      total.shortDays.push(t)
    }
    total.inventory.push(inventory)
  }
  for (const run of materials) {
    total.unmet += run.unmet
    total.cost += run.cost
    total.demand += run.demand
  }
  return {
    materials: materials.map((run) => ({
      unmet: run.unmet,
      demand: run.demand,
      cost: run.cost,
      firstOut: run.firstOut,
      lastOut: run.lastOut,
      inventory: run.inventory,
      shortDays: run.shortDays,
    })),
    total,
  }
}
