import type { ExampleFile } from '../lib/examples'

interface Props {
  id: string
  label: string
  examples: ExampleFile[]
  /** Name (or path, with `byPath`) of the file currently loaded, to show it as chosen. */
  selected?: string | undefined
  /** Identify and list examples by their path inside examples/ rather than by file name. */
  byPath?: boolean
  /** Receives the chosen example's text and name once it has loaded. */
  onLoad: (text: string, name: string) => void
}

/** A labelled select of the example files bundled with the dashboard; choosing one loads it. */
export function ExamplePicker({ id, label, examples, selected, byPath = false, onLoad }: Props) {
  const key = (x: ExampleFile): string => (byPath ? x.path : x.name)
  const value = selected !== undefined && examples.some((x) => key(x) === selected) ? selected : ''
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        onChange={(e) => {
          const ex = examples.find((x) => key(x) === e.target.value)
          if (ex) void ex.load().then((text) => onLoad(text, ex.name))
        }}
        disabled={examples.length === 0}
      >
        <option value="">
          {examples.length ? 'Choose an example…' : 'No examples in this build'}
        </option>
        {examples.map((x) => (
          <option key={x.path} value={key(x)}>
            {key(x)}
          </option>
        ))}
      </select>
    </div>
  )
}
