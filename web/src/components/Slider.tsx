import { useId } from 'react'

/** A labelled range slider with its value and unit shown (and announced) next to it. */
export function Slider(props: {
  label: string
  unit: string
  min: number
  max: number
  step: number
  value: number
  onChange: (v: number) => void
  format?: (v: number) => string
  hint?: string
}) {
  const id = useId()
  const shown = props.format ? props.format(props.value) : props.value.toLocaleString('en-US')
  return (
    <div className="field slider">
      <label htmlFor={id}>
        {props.label}: <output htmlFor={id}>{shown}</output> {props.unit}
      </label>
      <input
        id={id}
        type="range"
        min={props.min}
        max={props.max}
        step={props.step}
        value={props.value}
        aria-valuetext={`${shown} ${props.unit}`}
        onChange={(e) => props.onChange(Number(e.target.value))}
      />
      {props.hint ? <span className="hint">{props.hint}</span> : null}
    </div>
  )
}
