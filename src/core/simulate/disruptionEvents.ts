/**
 * Disruption state machines, one per (disruption, lane) slot and run: waiting → active → done. A ban or volume
 * cut sets the lane's capacity factor while active; a price shock its price factor; a licence blocks the lane
 * until an application is approved (decision after a sampled number of working days, approved with the run's
 * approval probability; refused → refiled, if `reapply`; granted → valid for `validity_days`, if given).
 * Events are processed in (day, slot) order, so each run consumes its random stream in a fixed order.
 *
 * Kernel module: `!` on typed-array reads; indexes are in range by construction.
 */
import { quantileOf } from './distributions'
import type { KernelState } from './kernelState'
import {
  EFFECT_BAN,
  EFFECT_CUT,
  EFFECT_LICENCE,
  EFFECT_PRICE,
  NONE,
  TRIGGER_DISRUPTION,
} from './model'
import { calendarDaysForWorkingDays, weekdayOfDayNumber } from './workingDays'

const INF = Number.POSITIVE_INFINITY

/** Processes every slot event due on or before day t. */
export function processEvents(st: KernelState, t: number): void {
  const S = st.model.slots.length
  const R = st.R
  const next = st.nextEvent
  const slotNext = st.slotNext
  for (let k = 0; k < S; k++) {
    if (t < slotNext[k]!) continue
    const base = k * R
    let soonest = INF
    for (let r = 0; r < R; r++) {
      while (next[base + r]! <= t) processSlot(st, k, r)
      if (next[base + r]! < soonest) soonest = next[base + r]!
    }
    slotNext[k] = soonest
  }
}

/** Calendar days until the decision on an application filed on `day` (at least one day for a refiling). */
function applicationDays(
  st: KernelState,
  k: number,
  r: number,
  day: number,
  refiling: boolean
): number {
  const model = st.model
  const dis = model.disruptions[model.slots[k]!.disruption]!
  const drawn = st.rngs[r]!.next()
  const u = st.overrides[dis.delayParam] ?? drawn
  const workingDays = quantileOf(model.params[dis.delayParam]!.dist, u)
  const days = calendarDaysForWorkingDays(
    weekdayOfDayNumber(model.startDayNumber + day),
    workingDays
  )
  return refiling ? Math.max(1, days) : days
}

function processSlot(st: KernelState, k: number, r: number): void {
  const R = st.R
  const j = k * R + r
  const model = st.model
  const { disruption: d, lane: l } = model.slots[k]!
  const dis = model.disruptions[d]!
  const di = d * R + r
  const end = st.dEnd[di]!
  const ev = st.nextEvent[j]!
  if (st.state[j] === 0) {
    if (ev >= end) {
      st.state[j] = 2
      st.nextEvent[j] = INF
      return
    }
    st.state[j] = 1
    const m = model.lanes[l]!.material
    const mat = model.materials[m]!
    if (mat.subTrigger === TRIGGER_DISRUPTION && st.subStart[m * R + r] === INF)
      st.subStart[m * R + r] = ev + st.value(mat.subLagParam, r)
    if (dis.kind === EFFECT_BAN) st.factor[j] = 0
    else if (dis.kind === EFFECT_CUT) st.factor[j] = 1 - st.dValue[di]!
    else if (dis.kind === EFFECT_PRICE) st.priceFactor[j] = st.dValue[di]!
    else {
      st.factor[j] = 0
      st.licensed[j] = 0
      st.decision[j] = ev + applicationDays(st, k, r, ev, false)
    }
    st.nextEvent[j] = dis.kind === EFFECT_LICENCE ? Math.min(st.decision[j]!, end) : end
  } else if (ev >= end) {
    st.state[j] = 2
    st.factor[j] = 1
    st.priceFactor[j] = 1
    st.nextEvent[j] = INF
  } else if (st.licensed[j] === 0 && ev === st.decision[j]) {
    if (st.rngs[r]!.next() < st.dValue[di]!) {
      st.licensed[j] = 1
      st.factor[j] = 1
      st.expiry[j] =
        dis.validityParam === NONE
          ? INF
          : ev + Math.max(1, Math.round(st.value(dis.validityParam, r)))
      st.nextEvent[j] = Math.min(st.expiry[j]!, end)
    } else if (dis.reapply) {
      st.decision[j] = ev + applicationDays(st, k, r, ev, true)
      st.nextEvent[j] = Math.min(st.decision[j]!, end)
    } else {
      st.nextEvent[j] = end
    }
  } else if (st.licensed[j] === 1 && ev === st.expiry[j]) {
    st.licensed[j] = 0
    st.factor[j] = 0
    st.decision[j] = ev + applicationDays(st, k, r, ev, true)
    st.nextEvent[j] = Math.min(st.decision[j]!, end)
  } else {
    throw new Error(`slot ${k} run ${r}: no event due on day ${ev}`)
  }
  let f = 1
  let pf = 1
  for (const s of st.laneSlots[l]!) {
    f *= st.factor[s * R + r]!
    pf *= st.priceFactor[s * R + r]!
  }
  st.capEff[l * R + r] = st.cap[l * R + r]! * f
  if (st.priceMult[l * R + r] !== pf) {
    st.priceMult[l * R + r] = pf
    st.updatePremium(l, model.lanes[l]!.material, r)
  }
}
