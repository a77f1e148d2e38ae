/** A labelled product picker fed by /api/trade/products (export flows); falls back to the headline products. */
import { useGet } from '../api/useApi'
import { productLabel } from '../lib/products'

const HEADLINE = ['magnets', 'rare_earths']

export function ProductSelect(props: {
  id: string
  value: string
  onChange: (v: string) => void
  label?: string
}) {
  const s = useGet('/api/trade/products', {})
  const codes =
    s.status === 'ok'
      ? [
          ...new Set(
            s.data
              .filter((p) => p.flow === 'export' && p.world.months_with_data > 0)
              .map((p) => p.product)
          ),
        ]
      : HEADLINE
  const options = codes.includes(props.value) ? codes : [props.value, ...codes]
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label ?? 'Product'}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {options.map((c) => (
          <option key={c} value={c}>
            {productLabel(c)}
          </option>
        ))}
      </select>
    </div>
  )
}
