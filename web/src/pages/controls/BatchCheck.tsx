/** Licence checks for a whole file (CSV or JSON, the CLI's format): a table of verdicts and of invalid rows. */
import { useState } from 'react'
import { apiPostText } from '../../api/client'
import type { Determination } from '../../api/endpoints'
import { useAction } from '../../api/useAction'
import { DataTable, type Column } from '../../components/DataTable'
import { FileInput } from '../../components/FileInput'
import { ErrorState, Loading } from '../../components/States'
import { examplesMatching } from '../../lib/examples'
import { Verdict } from '../../components/Verdict'
import { DeterminationView } from './DeterminationView'
import { ExamplePicker } from '../../components/ExamplePicker'

const EXAMPLES = examplesMatching(/^shipments[^/]*\.(csv|json)$/i)

const COLUMNS = (open: (id: string) => void): Column<Determination>[] => [
  {
    key: 'id',
    label: 'Reference',
    value: (d) => d.id,
    render: (d) => (
      <button type="button" className="button-quiet" onClick={() => open(d.id)}>
        {d.id}
      </button>
    ),
  },
  {
    key: 'verdict',
    label: 'Verdict',
    value: (d) => d.verdict,
    render: (d) => <Verdict verdict={d.verdict} />,
  },
  { key: 'review', label: 'Review', value: (d) => d.review },
  {
    key: 'days',
    label: 'Expected review',
    unit: 'working days',
    numeric: true,
    value: (d) => d.expected_review_working_days,
  },
  { key: 'measures', label: 'Measures', value: (d) => d.measures.map((m) => m.id).join('; ') },
  { key: 'missing', label: 'Missing facts', value: (d) => d.missing_facts.join('; ') },
  { key: 'warnings', label: 'Warnings', numeric: true, value: (d) => d.warnings.length },
]

export function BatchCheck() {
  const [file, setFile] = useState<{ text: string; name: string } | null>(null)
  const [asOf, setAsOf] = useState('')
  const [openId, setOpenId] = useState<string | null>(null)
  const [state, run] = useAction((signal, text: string, name: string, as_of: string) =>
    apiPostText(
      '/api/licence/determinations',
      text,
      /\.csv$/i.test(name) ? 'text/csv' : 'text/plain',
      {
        signal,
        query: { file_name: name, as_of: as_of || undefined },
      }
    )
  )
  const result = state.status === 'ok' ? state.data : null
  const opened = result?.determinations.find((d) => d.id === openId)
  return (
    <div className="stack">
      <form
        aria-label="Batch licence check"
        onSubmit={(e) => {
          e.preventDefault()
          if (file) run(file.text, file.name, asOf)
        }}
      >
        <div className="fields">
          <FileInput
            label="Shipments file"
            accept=".csv,.json,text/csv,application/json"
            hint="CSV or JSON with the licence-check columns (id, date, form, destination, …)."
            testId="licence-file"
            onText={(text, name) => setFile({ text, name })}
          />
          <ExamplePicker
            id="batch-example"
            label="…or pick an example"
            examples={EXAMPLES}
            selected={file?.name}
            onLoad={(text, name) => setFile({ text, name })}
          />
          <div className="field">
            <label htmlFor="batch-asof">As of (overrides every row’s date)</label>
            <input
              id="batch-asof"
              type="date"
              value={asOf}
              onChange={(e) => setAsOf(e.target.value)}
            />
          </div>
        </div>
        <div className="form-actions">
          <button type="submit" className="button" disabled={!file || state.status === 'running'}>
            {state.status === 'running' ? 'Checking…' : 'Check every shipment'}
          </button>
          {file ? <span className="note">{file.name}</span> : null}
        </div>
      </form>
      {state.status === 'running' ? <Loading what="the determinations" /> : null}
      {state.status === 'error' ? (
        <ErrorState error={state.error} what="the determinations" />
      ) : null}
      {result ? (
        <>
          <DataTable
            caption={`Determinations (rulebook ${result.rulebook_version})`}
            columns={COLUMNS(setOpenId)}
            rows={result.determinations}
            rowKey={(d, i) => `${d.id}|${i}`}
            testId="batch-table"
          />
          {opened ? <DeterminationView d={opened} /> : null}
          {result.errors.length > 0 ? (
            <DataTable
              caption="Rows that are not valid (not determined)"
              columns={[
                { key: 'row', label: 'Row', numeric: true, value: (e) => e.row },
                { key: 'line', label: 'Line', numeric: true, value: (e) => e.line },
                { key: 'id', label: 'Reference', value: (e) => e.id },
                { key: 'field', label: 'Field', value: (e) => e.field },
                { key: 'expected', label: 'Expected', value: (e) => e.expected },
                { key: 'found', label: 'Found', value: (e) => e.found },
                { key: 'message', label: 'Message', value: (e) => e.message },
              ]}
              rows={result.errors}
              rowKey={(_e, i) => String(i)}
            />
          ) : null}
        </>
      ) : null}
    </div>
  )
}
