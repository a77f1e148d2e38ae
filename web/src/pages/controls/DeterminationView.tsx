/** One licence determination: the verdict, the measures that apply with their sources, the cited rationale. */
import type { Determination } from '../../api/endpoints'
import { SourceLinks } from '../../components/Sources'
import { Verdict } from '../../components/Verdict'

export function DeterminationView({ d }: { d: Determination }) {
  return (
    <div className="determination" data-testid="determination" aria-live="polite">
      <div className="determination-head">
        <span className="determination-verdict">
          <Verdict verdict={d.verdict} />
        </span>
        <span className="muted">
          shipment <code>{d.id}</code> · as of {d.as_of} · rulebook {d.rulebook_version}
        </span>
      </div>
      <dl className="dl">
        <dt>Review</dt>
        <dd>
          {d.review ? d.review.replace(/_/g, ' ') : 'none'}
          {d.expected_review_working_days !== null
            ? ` · about ${d.expected_review_working_days} working days`
            : ''}
        </dd>
        {d.missing_facts.length > 0 ? (
          <>
            <dt>Facts that would settle it</dt>
            <dd>{d.missing_facts.map((f) => f.replace(/_/g, ' ')).join(', ')}</dd>
          </>
        ) : null}
      </dl>
      <h4>Measures that apply ({d.measures.length})</h4>
      {d.measures.length === 0 ? (
        <p className="muted">No measure in the rulebook applies to this shipment on this date.</p>
      ) : (
        <ul className="plain">
          {d.measures.map((m) => (
            <li key={`${m.id}-${m.effect}`}>
              <strong>{m.instrument}</strong> <code>{m.id}</code>: {m.effect.replace(/_/g, ' ')}.{' '}
              {m.reason} <span className="badge badge-muted">confidence {m.confidence}</span>{' '}
              <SourceLinks urls={[m.source_url]} />
            </li>
          ))}
        </ul>
      )}
      <h4>Rationale</h4>
      <ol className="plain">
        {d.rationale.map((r, i) => (
          <li key={i}>{r}</li>
        ))}
      </ol>
      {d.warnings.length > 0 ? (
        <>
          <h4>Warnings</h4>
          <ul className="plain">
            {d.warnings.map((w, i) => (
              <li key={i} className="down">
                {w}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  )
}
