/** A licence check for one shipment through a form: every field of the licence contract, labelled. */
import { useState, type FormEvent } from 'react'
import { apiPost } from '../../api/client'
import type { ShipmentInput } from '../../api/endpoints'
import { useAction } from '../../api/useAction'
import { ErrorState, Loading } from '../../components/States'
import { DeterminationView } from './DeterminationView'

const FORMS = [
  'ore',
  'oxide',
  'metal',
  'alloy',
  'compound',
  'magnet',
  'target',
  'technology',
  'equipment',
  'article',
] as const
const END_USER_TYPES = ['unknown', 'civilian', 'military', 'government', 'research'] as const
const END_USES = [
  'unknown',
  'civilian',
  'military',
  'military_capability',
  'wmd',
  'advanced_chips',
  'ai_military',
  'medical_emergency',
] as const

interface Fields {
  id: string
  date: string
  exporter_country: string
  made_in: string
  destination: string
  form: (typeof FORMS)[number]
  elements: string
  hs_code: string
  cn_content_value_share: string
  value_usd: string
  end_user: string
  end_user_type: (typeof END_USER_TYPES)[number]
  end_use: (typeof END_USES)[number]
  made_with_cn_technology: '' | 'yes' | 'no'
}

/** The form's text fields as a shipment: empty optional fields are left out, numbers parsed (the server validates). */
export function shipmentFromFields(f: Fields): ShipmentInput {
  const num = (s: string): number | undefined => (s.trim() === '' ? undefined : Number(s))
  const share = num(f.cn_content_value_share)
  const value = num(f.value_usd)
  return {
    id: f.id.trim(),
    date: f.date,
    form: f.form,
    destination: f.destination.trim().toUpperCase(),
    exporter_country: f.exporter_country.trim().toUpperCase() || 'CHN',
    ...(f.made_in.trim() ? { made_in: f.made_in.trim().toUpperCase() } : {}),
    ...(f.elements.trim() ? { elements: f.elements.trim() } : {}),
    ...(f.hs_code.trim() ? { hs_code: f.hs_code.replace(/\D/g, '') } : {}),
    ...(share !== undefined ? { cn_content_value_share: share } : {}),
    ...(value !== undefined ? { value_usd: value } : {}),
    ...(f.end_user.trim() ? { end_user: f.end_user.trim() } : {}),
    end_user_type: f.end_user_type,
    end_use: f.end_use,
    ...(f.made_with_cn_technology
      ? { made_with_cn_technology: f.made_with_cn_technology === 'yes' }
      : {}),
  }
}

function today(): string {
  return new Date().toISOString().slice(0, 10)
}

export function LicenceForm() {
  const [f, setF] = useState<Fields>({
    id: 'shipment-1',
    date: today(),
    exporter_country: 'CHN',
    made_in: '',
    destination: '',
    form: 'magnet',
    elements: '',
    hs_code: '',
    cn_content_value_share: '',
    value_usd: '',
    end_user: '',
    end_user_type: 'unknown',
    end_use: 'unknown',
    made_with_cn_technology: '',
  })
  const [state, run] = useAction((signal, s: ShipmentInput) =>
    apiPost('/api/licence/determinations', { shipments: [s] }, { signal })
  )
  const set =
    <K extends keyof Fields>(k: K) =>
    (e: { target: { value: string } }) =>
      setF((x) => ({ ...x, [k]: e.target.value as Fields[K] }))
  const submit = (e: FormEvent): void => {
    e.preventDefault()
    run(shipmentFromFields(f))
  }
  const text = (
    k: keyof Fields,
    label: string,
    hint?: string,
    extra: Record<string, unknown> = {}
  ) => (
    <div className="field">
      <label htmlFor={`lc-${k}`}>{label}</label>
      <input
        id={`lc-${k}`}
        type="text"
        value={f[k]}
        onChange={set(k)}
        aria-describedby={hint ? `lc-${k}-hint` : undefined}
        {...extra}
      />
      {hint ? (
        <span className="hint" id={`lc-${k}-hint`}>
          {hint}
        </span>
      ) : null}
    </div>
  )
  const result = state.status === 'ok' ? state.data : null
  return (
    <div className="stack">
      <form onSubmit={submit} aria-label="Licence check">
        <fieldset>
          <legend>Shipment</legend>
          <div className="fields">
            {text('id', 'Reference', undefined, { required: true })}
            <div className="field">
              <label htmlFor="lc-date">Export date</label>
              <input id="lc-date" type="date" value={f.date} onChange={set('date')} required />
            </div>
            <div className="field">
              <label htmlFor="lc-form">Form</label>
              <select id="lc-form" value={f.form} onChange={set('form')}>
                {FORMS.map((x) => (
                  <option key={x}>{x}</option>
                ))}
              </select>
            </div>
            {text('elements', 'Elements', 'e.g. Dy:0.04;Tb:0.01 or Dy;Tb')}
            {text('hs_code', 'HS code', '6 to 10 digits, e.g. 850511')}
            {text('value_usd', 'Value (USD)', undefined, { inputMode: 'decimal' })}
          </div>
        </fieldset>
        <fieldset>
          <legend>Route and origin</legend>
          <div className="fields">
            {text('exporter_country', 'Exported from (ISO3)', 'default CHN', { maxLength: 3 })}
            {text('destination', 'Destination (ISO3)', 'e.g. JPN', {
              maxLength: 3,
              required: true,
            })}
            {text('made_in', 'Made in (ISO3)', 'default: the exporting country', { maxLength: 3 })}
            {text(
              'cn_content_value_share',
              'China-origin RE content, value share',
              '0 to 1, for extraterritorial rules',
              { inputMode: 'decimal' }
            )}
            <div className="field">
              <label htmlFor="lc-tech">Made with China-origin RE technology</label>
              <select
                id="lc-tech"
                value={f.made_with_cn_technology}
                onChange={set('made_with_cn_technology')}
              >
                <option value="">not stated</option>
                <option value="yes">yes</option>
                <option value="no">no</option>
              </select>
            </div>
          </div>
        </fieldset>
        <fieldset>
          <legend>End user and end use</legend>
          <div className="fields">
            {text('end_user', 'End user', 'name, screened against the entity lists')}
            <div className="field">
              <label htmlFor="lc-eut">End-user type</label>
              <select id="lc-eut" value={f.end_user_type} onChange={set('end_user_type')}>
                {END_USER_TYPES.map((x) => (
                  <option key={x}>{x}</option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="lc-eu">End use</label>
              <select id="lc-eu" value={f.end_use} onChange={set('end_use')}>
                {END_USES.map((x) => (
                  <option key={x} value={x}>
                    {x.replace(/_/g, ' ')}
                  </option>
                ))}
              </select>
            </div>
          </div>
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="button" disabled={state.status === 'running'}>
            {state.status === 'running' ? 'Checking…' : 'Check licence'}
          </button>
        </div>
      </form>
      {state.status === 'running' ? <Loading what="the determination" /> : null}
      {state.status === 'error' ? (
        <ErrorState error={state.error} what="the determination" />
      ) : null}
      {result && result.errors.length > 0 ? (
        <div className="state state-error" role="alert">
          <strong>The shipment is not valid.</strong>
          <ul className="plain">
            {result.errors.map((e, i) => (
              <li key={i}>
                {e.field ? <code>{e.field}</code> : null} {e.message}
                {e.expected
                  ? ` (expected ${e.expected}${e.found !== null ? `, found ${e.found}` : ''})`
                  : ''}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {result?.determinations.map((d) => (
        <DeterminationView key={d.id} d={d} />
      ))}
    </div>
  )
}
