/** One headline figure: a product's world exports in a month, with MoM, YoY and a link to its sources. */
import type { SeriesPoint } from '../../api/endpoints'
import { Link } from '../../components/Link'
import { formatChange, formatMonth, formatTonnes } from '../../lib/format'
import { href } from '../../lib/router'

function Change({ label, v }: { label: string; v: number | null }) {
  const cls = v === null ? 'muted' : v < 0 ? 'down' : 'up'
  return (
    <span>
      {label} <strong className={cls}>{formatChange(v)}</strong>
    </span>
  )
}

export function Headline(props: {
  product: string
  label: string
  month: string
  point: SeriesPoint | undefined
  latest: SeriesPoint | undefined
}) {
  const p = props.point
  const sourcesHref = href('/data', { product: props.product, partner: 'WLD', period: props.month })
  const reported = p && p.quantity_t !== null
  return (
    <section
      className="kpi"
      aria-label={`${props.label}, ${formatMonth(props.month)}`}
      data-testid={`kpi-${props.product}`}
    >
      <div className="kpi-label">
        {props.label} · world · {formatMonth(props.month)}
      </div>
      <div className="kpi-value">{reported ? formatTonnes(p.quantity_t) : 'not reported'}</div>
      {reported ? (
        <div className="kpi-meta">
          <Change label="MoM" v={p.mom} />
          <Change label="YoY" v={p.yoy} />
        </div>
      ) : props.latest ? (
        <div className="kpi-meta muted">
          Latest: {formatTonnes(props.latest.quantity_t)} in {formatMonth(props.latest.period)}
        </div>
      ) : null}
      <div className="kpi-foot">
        {reported ? (
          <Link href={`${sourcesHref}#h-trade-sources`}>
            {p.sources} source{p.sources === 1 ? '' : 's'}
            {p.disagreement ? ', which disagree' : ''}
            {p.derived ? ' (derived figure)' : ''}
          </Link>
        ) : (
          <span className="muted">Missing months are shown as gaps, never as zero.</span>
        )}
      </div>
    </section>
  )
}
