/**
 * Turns a validated, resolved scenario into the compiled model the kernels read: every number or distribution
 * becomes a parameter (one uniform per run), dates become day offsets, references become indexes.
 */
import type { Quantity } from '../../contracts/scenario'
import { dayNumber } from '../shared/months'
import { exhaustiveSwitchError } from '../shared/result'
import { compileQuantity } from './distributions'
import {
  EFFECT_BAN,
  EFFECT_CUT,
  EFFECT_LICENCE,
  EFFECT_PRICE,
  NONE,
  POLICY_BASE_STOCK,
  POLICY_NONE,
  POLICY_S_S,
  TRIGGER_DISRUPTION,
  TRIGGER_NONE,
  TRIGGER_SHORTAGE,
  TRIGGER_START,
  type CompiledDisruption,
  type CompiledLane,
  type CompiledMaterial,
  type CompiledModel,
  type ParamSpec,
  type Slot,
} from './model'
import type { ResolvedScenario } from './resolveScenario'
import { disruptionLanes } from './validateScenario'

const TRIGGERS = {
  shortage: TRIGGER_SHORTAGE,
  disruption: TRIGGER_DISRUPTION,
  start: TRIGGER_START,
}

/** Compiles; assumes `validateScenario` and `resolveScenario` passed. */
export function compileScenario(r: ResolvedScenario): CompiledModel {
  const s = r.scenario
  const start = dayNumber(s.start)
  const params: ParamSpec[] = []
  const param = (label: string, q: Quantity, dynamic = false): number => {
    params.push({ label, dist: compileQuantity(q), dynamic })
    return params.length - 1
  }
  const optional = (label: string, q: Quantity | undefined): number =>
    q === undefined ? NONE : param(label, q)

  const materials = s.materials.map((m): CompiledMaterial => {
    const p = `materials.${m.id}`
    const demand = m.demand_t_per_day ?? 0
    let demandParam = NONE
    let demandSeries: number[] | null = null
    if (typeof demand === 'object' && 'series' in demand) {
      demandSeries = new Array<number>(s.horizon_days).fill(0)
      const points = demand.series.map((pt) => ({
        day: typeof pt.from === 'number' ? pt.from : dayNumber(pt.from) - start,
        value: pt.t_per_day,
      }))
      points.forEach((pt, k) => {
        const end = points[k + 1]?.day ?? s.horizon_days
        for (let t = pt.day; t < end; t++) demandSeries![t] = pt.value
      })
    } else {
      demandParam = param(`${p}.demand_t_per_day`, demand)
    }
    const policy = m.policy
    const sub = m.substitution
    const sp = m.stockpile
    return {
      id: m.id,
      demandParam,
      demandSeries,
      inventoryParam: param(`${p}.inventory_t`, m.inventory_t),
      steadyPipeline: m.initial_pipeline === 'steady',
      policy:
        policy.type === 'base_stock'
          ? POLICY_BASE_STOCK
          : policy.type === 's_S'
            ? POLICY_S_S
            : POLICY_NONE,
      levelParam:
        policy.type === 'base_stock' ? optional(`${p}.policy.level_t`, policy.level_t) : NONE,
      coverDaysParam:
        policy.type === 'base_stock' ? optional(`${p}.policy.cover_days`, policy.cover_days) : NONE,
      reviewDays: policy.type === 'base_stock' ? policy.review_days : 1,
      sParam: policy.type === 's_S' ? param(`${p}.policy.s_t`, policy.s_t) : NONE,
      bigSParam: policy.type === 's_S' ? param(`${p}.policy.S_t`, policy.S_t) : NONE,
      subTrigger: sub ? TRIGGERS[sub.trigger] : TRIGGER_NONE,
      subLagParam: sub ? param(`${p}.substitution.lag_days`, sub.lag_days) : NONE,
      subRateParam: sub ? param(`${p}.substitution.rate_per_year`, sub.rate_per_year) : NONE,
      subMaxParam: sub ? param(`${p}.substitution.max_share`, sub.max_share) : NONE,
      subCostParam: sub ? param(`${p}.substitution.cost_usd_per_kg`, sub.cost_usd_per_kg) : NONE,
      spQuantityParam: sp ? param(`${p}.stockpile.quantity_t`, sp.quantity_t) : NONE,
      spBelowCoverParam: sp
        ? optional(`${p}.stockpile.release_below_cover_days`, sp.release_below_cover_days)
        : NONE,
      spBelowTParam: sp ? optional(`${p}.stockpile.release_below_t`, sp.release_below_t) : NONE,
      spRateParam: sp
        ? param(`${p}.stockpile.max_release_t_per_day`, sp.max_release_t_per_day)
        : NONE,
      spLagParam: sp ? param(`${p}.stockpile.decision_lag_days`, sp.decision_lag_days) : NONE,
      spPremiumParam: sp ? param(`${p}.stockpile.premium_usd_per_kg`, sp.premium_usd_per_kg) : NONE,
      unmetCostParam: optional(`${p}.unmet_cost_usd_per_kg`, m.unmet_cost_usd_per_kg),
      lanes: [],
    }
  })

  const materialIndex = new Map(s.materials.map((m, i) => [m.id, i]))
  const lanes = s.suppliers.map((sup, i): CompiledLane => {
    const src = r.lanes[i]!
    const p = `suppliers.${sup.id}`
    return {
      id: sup.id,
      material: materialIndex.get(sup.material) ?? 0,
      country: sup.country,
      capParams: src.capacity.map((c) => param(c.label, c.quantity)),
      capScale: src.capacityScale,
      leadParam: param(`${p}.lead_time_days`, sup.lead_time_days),
      costParam: param(`${p}.unit_cost_usd_per_kg`, sup.unit_cost_usd_per_kg),
      onlineDay: src.availableFrom === null ? 0 : dayNumber(src.availableFrom) - start,
      onlineDelayParams: src.onlineDelays.map((d) => param(d.label, d.quantity)),
      rampParam: optional(`${p}.ramp_days`, sup.ramp_days),
    }
  })
  const order = s.suppliers
    .map((sup, i) => ({ i, m: materialIndex.get(sup.material) ?? 0, prio: sup.priority ?? 0 }))
    .sort((a, b) => a.prio - b.prio || a.i - b.i)
  for (const o of order) materials[o.m]!.lanes.push(o.i)

  const slots: Slot[] = []
  const disruptions = s.disruptions.map((d, i): CompiledDisruption => {
    const p = `disruptions.${d.id}`
    const startValue = r.starts[i] ?? 0
    const e = d.effect
    const laneList = disruptionLanes(s, i)
    for (const lane of laneList) slots.push({ disruption: i, lane })
    const base = {
      id: d.id,
      measure: d.measure ?? null,
      probability: d.probability,
      startParam: param(
        `${p}.start`,
        typeof startValue === 'string' ? dayNumber(startValue) - start : startValue
      ),
      durationParam: optional(`${p}.duration_days`, d.duration_days),
      lanes: laneList,
      valueParam: NONE,
      delayParam: NONE,
      reapply: false,
      validityParam: NONE,
    }
    switch (e.type) {
      case 'ban':
        return { ...base, kind: EFFECT_BAN }
      case 'volume_cut':
        return { ...base, kind: EFFECT_CUT, valueParam: param(`${p}.cut`, e.cut) }
      case 'price':
        return { ...base, kind: EFFECT_PRICE, valueParam: param(`${p}.multiplier`, e.multiplier) }
      case 'licence':
        return {
          ...base,
          kind: EFFECT_LICENCE,
          valueParam: param(`${p}.approval_probability`, e.approval_probability),
          delayParam: param(`${p}.delay_working_days`, e.delay_working_days, true),
          reapply: e.reapply,
          validityParam: optional(`${p}.validity_days`, e.validity_days),
        }
      default:
        return exhaustiveSwitchError(e)
    }
  })

  return {
    horizon: s.horizon_days,
    startDayNumber: start,
    params,
    materials,
    lanes,
    disruptions,
    slots,
  }
}
