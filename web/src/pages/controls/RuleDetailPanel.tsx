/** One measure in full: what it covers, its state, suspensions, operative rules and every source. */
import { useGet } from '../../api/useApi'
import { SourceLinks } from '../../components/Sources'
import { ErrorState, Loading } from '../../components/States'

function itemText(it: unknown): string {
  const x = it as { elements?: string[]; forms?: string[]; description?: string }
  return [x.description, x.elements?.join(', '), x.forms?.join('/')].filter(Boolean).join(' · ')
}

/** The first few items, the rest behind a disclosure (some measures list dozens). */
function Items({ items }: { items: readonly unknown[] }) {
  if (items.length === 0) return <>none listed</>
  const head = items.slice(0, 3)
  const rest = items.slice(3)
  return (
    <>
      <ul className="plain">
        {head.map((it, i) => (
          <li key={i}>{itemText(it)}</li>
        ))}
      </ul>
      {rest.length > 0 ? (
        <details>
          <summary>{rest.length} more items</summary>
          <ul className="plain">
            {rest.map((it, i) => (
              <li key={i}>{itemText(it)}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </>
  )
}

export function RuleDetailPanel({ id }: { id: string }) {
  const s = useGet('/api/rules/:id', { params: { id } })
  if (s.status === 'loading') return <Loading what="the measure" />
  if (s.status === 'error') return <ErrorState error={s.error} what="the measure" />
  const d = s.data
  const m = d.measure
  return (
    <div className="rule-detail" data-testid="rule-detail">
      <h4>{m.title}</h4>
      <dl className="dl">
        <dt>Instrument</dt>
        <dd>
          {m.instrument} ({m.jurisdiction}
          {m.authority ? `, ${m.authority}` : ''})
        </dd>
        <dt>State on {d.as_of}</dt>
        <dd>
          <strong>{d.state.replace(/_/g, ' ')}</strong>
          {d.state_note ? ` — ${d.state_note}` : ''}
        </dd>
        <dt>Dates</dt>
        <dd>
          announced {m.announced ?? '—'} · effective {m.effective ?? '—'}
          {d.suspensions.map((x) => ` · suspended ${x.from} to ${x.until}`).join('')}
        </dd>
        <dt>Items</dt>
        <dd>
          <Items items={m.items} />
        </dd>
        {m.licence ? (
          <>
            <dt>Licence</dt>
            <dd>
              {m.licence.required ? 'required' : 'not required'}
              {m.licence.review_days
                ? `; review ${m.licence.review_days} ${m.licence.review_basis?.replace('_', ' ') ?? 'days'}`
                : ''}
            </dd>
          </>
        ) : null}
        <dt>Confidence</dt>
        <dd>{m.confidence}</dd>
        {m.summary ? (
          <>
            <dt>Summary</dt>
            <dd>{m.summary}</dd>
          </>
        ) : null}
        {m.open_questions ? (
          <>
            <dt>Open questions</dt>
            <dd className="down">{m.open_questions}</dd>
          </>
        ) : null}
      </dl>
      {d.rules.length > 0 ? (
        <details>
          <summary>
            {d.rules.length} operative rule{d.rules.length === 1 ? '' : 's'}
            {d.operative_derived ? ' (derived from the record)' : ''}
          </summary>
          <ul className="plain">
            {d.rules.map((r) => (
              <li key={r.id}>
                <code>{r.effect}</code> {r.from ? `from ${r.from}` : ''}: {r.reason}{' '}
                {r.source_url ? <SourceLinks urls={[r.source_url]} /> : null}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <div>
        <span className="label">Sources</span>
        <ul className="plain">
          {m.sources.map((src) => (
            <li key={src.url}>
              <a href={src.url} target="_blank" rel="noopener noreferrer">
                {src.title || src.url}
              </a>
              {src.date ? <span className="muted"> ({src.date})</span> : null}
            </li>
          ))}
        </ul>
      </div>
    </div>
  )
}
