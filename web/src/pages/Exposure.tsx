/** Exposure: a bill of materials (uploaded, pasted or an example) traced to element mass by origin and stage. */
import { useState } from 'react'
import { apiPost } from '../api/client'
import type { Shipment } from '../../../src/contracts/licence'
import type { ExposureRequest } from '../api/endpoints'
import { useAction } from '../api/useAction'
import { FileInput } from '../components/FileInput'
import { Page, Section } from '../components/Page'
import { Requires } from '../components/Requires'
import { ErrorState, Loading } from '../components/States'
import { examplesMatching } from '../lib/examples'
import { ExposureResult } from './exposure/ExposureResult'
import { ExamplePicker } from '../components/ExamplePicker'

// BOM examples sit at the top of examples/ (shipments*.csv are licence-check inputs; folders hold other inputs).
const EXAMPLES = examplesMatching(/^(?!shipments)[^/]+\.(csv|json)$/i)
// Typed against the licence contract (type-only import keeps zod and the country tables out of the bundle).
const END_USES: ('' | Shipment['end_use'])[] = [
  '',
  'civilian',
  'military',
  'military_capability',
  'wmd',
  'advanced_chips',
  'ai_military',
  'medical_emergency',
  'unknown',
]

function ExposureForm() {
  const [bom, setBom] = useState<{ text: string; name: string } | null>(null)
  const [asOf, setAsOf] = useState('')
  const [destination, setDestination] = useState('')
  const [endUse, setEndUse] = useState('')
  const [state, run] = useAction((signal, body: ExposureRequest) =>
    apiPost('/api/exposure', body, { signal })
  )

  function submit(e: React.FormEvent): void {
    e.preventDefault()
    if (!bom) return
    run({
      bom: bom.text,
      file_name: bom.name,
      ...(asOf ? { as_of: asOf } : {}),
      ...(destination ? { destination: destination.toUpperCase() } : {}),
      ...(endUse ? { end_use: endUse as NonNullable<ExposureRequest['end_use']> } : {}),
    })
  }

  return (
    <>
      <Section title="Bill of materials">
        <form onSubmit={submit} aria-label="Exposure analysis">
          <div className="fields">
            <FileInput
              label="Upload a BOM file"
              accept=".csv,.json,text/csv,application/json"
              hint="CSV or JSON with the BOM columns (see the CLI’s exposure help)."
              testId="bom-file"
              onText={(text, name) => setBom({ text, name })}
            />
            <ExamplePicker
              id="bom-example"
              label="…or pick an example"
              examples={EXAMPLES}
              byPath
              onLoad={(text, name) => setBom({ text, name })}
            />
            <div className="field">
              <label htmlFor="exp-asof">As of</label>
              <input
                id="exp-asof"
                type="date"
                value={asOf}
                onChange={(e) => setAsOf(e.target.value)}
              />
              <span className="hint">Rulebook and prices date; empty = today.</span>
            </div>
            <div className="field">
              <label htmlFor="exp-dest">Destination (ISO3)</label>
              <input
                id="exp-dest"
                type="text"
                maxLength={3}
                placeholder="USA"
                value={destination}
                onChange={(e) => setDestination(e.target.value.toUpperCase())}
              />
              <span className="hint">
                Where finished products are imported; empty = USA (stated as an assumption).
              </span>
            </div>
            <div className="field">
              <label htmlFor="exp-enduse">End use</label>
              <select id="exp-enduse" value={endUse} onChange={(e) => setEndUse(e.target.value)}>
                {END_USES.map((u) => (
                  <option key={u} value={u}>
                    {u === '' ? 'not stated' : u.replace(/_/g, ' ')}
                  </option>
                ))}
              </select>
            </div>
          </div>
          {bom ? (
            <p className="note" data-testid="bom-loaded">
              Loaded <strong>{bom.name}</strong>:{' '}
              {bom.text.split(/\r?\n/).filter((l) => l.trim()).length - 1} rows.
            </p>
          ) : null}
          <div className="form-actions">
            <button type="submit" className="button" disabled={!bom || state.status === 'running'}>
              {state.status === 'running' ? 'Analysing…' : 'Analyse exposure'}
            </button>
          </div>
        </form>
      </Section>
      {state.status === 'running' ? <Loading what="the exposure analysis" /> : null}
      {state.status === 'error' ? (
        <ErrorState error={state.error} what="the exposure analysis" />
      ) : null}
      {state.status === 'ok' ? <ExposureResult report={state.data} /> : null}
    </>
  )
}

export default function Exposure() {
  return (
    <Page
      title="Exposure"
      intro="Trace a bill of materials to the rare earths inside it: element mass per year by origin country at each processing stage, China’s share and concentration, and the export controls that hit each part."
    >
      <Requires route="POST /api/exposure" what="Exposure analysis">
        <ExposureForm />
      </Requires>
    </Page>
  )
}
