/** A labelled file picker that hands over the file's text (and name); keyboard operable as a native input. */
import { useId, useState } from 'react'

export function FileInput(props: {
  label: string
  accept: string
  hint?: string
  onText: (text: string, fileName: string) => void
  testId?: string
}) {
  const id = useId()
  const [error, setError] = useState<string | null>(null)
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type="file"
        accept={props.accept}
        data-testid={props.testId}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
        onChange={(e) => {
          const f = e.target.files?.[0]
          if (!f) return
          setError(null)
          f.text().then(
            (t) => props.onText(t, f.name),
            (err: unknown) => setError(`could not read ${f.name}: ${(err as Error).message}`)
          )
        }}
      />
      {props.hint ? (
        <span className="hint" id={`${id}-hint`}>
          {props.hint}
        </span>
      ) : null}
      {error ? (
        <span className="hint down" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  )
}
