import { VERDICT_COLOURS } from '../lib/palette'

const LABELS: Record<string, string> = {
  prohibited: 'Prohibited',
  licence_required: 'Licence required',
  needs_review: 'Needs review',
  no_licence_required: 'No licence required',
  not_exported: 'Not exported',
  not_evaluated: 'Not evaluated',
}

/** A verdict as text with a colour swatch (colour is never the only cue). */
export function Verdict({ verdict }: { verdict: string }) {
  return (
    <span className="verdict" data-verdict={verdict}>
      <span
        className="verdict-swatch"
        style={{ background: VERDICT_COLOURS[verdict] ?? '#999' }}
        aria-hidden="true"
      />
      {LABELS[verdict] ?? verdict}
    </span>
  )
}
