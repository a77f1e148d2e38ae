/**
 * A choropleth world map in SVG. Countries with data are focusable (Tab) and selectable (Enter/Space or click);
 * a tooltip follows the pointer or the focus. Colour is never the only cue: the legend names each class and the
 * partner table beside the map holds every figure.
 */
import { useMemo, useState, type KeyboardEvent } from 'react'
import { countryName } from '../../lib/countries'
import { legendFor, colourFor, type ColourBy } from './mapScale'
import { MAP_WIDTH, worldShapes } from './worldShapes'

export interface MapValue {
  value: number | null
  /** Tooltip text for the country, e.g. `1,238 t · 19.0% of world`. */
  text: string
}

export function WorldMap(props: {
  title: string
  by: ColourBy
  values: ReadonlyMap<string, MapValue>
  selected: string | null
  onSelect: (iso3: string) => void
}) {
  const { countries, height } = useMemo(() => worldShapes(), [])
  const [tip, setTip] = useState<{ x: number; y: number; text: string } | null>(null)
  const legend = legendFor(props.by)
  // Countries with figures are drawn last (the selected one on top) so their outlines are not painted over.
  const rank = (iso3: string | undefined): number =>
    iso3 && iso3 === props.selected ? 2 : iso3 && props.values.has(iso3) ? 1 : 0
  const ordered = [...countries].sort((a, b) => rank(a.iso3) - rank(b.iso3))

  function show(iso3: string | undefined, name: string, x: number, y: number): void {
    const v = iso3 ? props.values.get(iso3) : undefined
    setTip({
      x,
      y,
      text: `${iso3 ? countryName(iso3) : name}: ${v ? v.text : 'no figure reported'}`,
    })
  }

  return (
    <div className="map-wrap">
      <div className="map">
        <svg
          viewBox={`0 0 ${MAP_WIDTH} ${height}`}
          role="group"
          aria-label={`${props.title}. Countries with figures can be reached with Tab and chosen with Enter.`}
          onMouseLeave={() => setTip(null)}
        >
          <rect width={MAP_WIDTH} height={height} fill="#f7fbff" />
          {ordered.map((c) => {
            const v = c.iso3 ? props.values.get(c.iso3) : undefined
            const has = v !== undefined
            const iso3 = c.iso3
            const select = (): void => {
              if (has && iso3) props.onSelect(iso3)
            }
            return (
              <path
                key={c.key}
                d={c.d}
                className={`country${has ? ' has-data' : ''}${iso3 && props.selected === iso3 ? ' selected' : ''}`}
                fill={colourFor(props.by, v?.value ?? null)}
                data-iso3={iso3}
                tabIndex={has ? 0 : undefined}
                role={has ? 'button' : undefined}
                aria-label={has && iso3 ? `${countryName(iso3)}: ${v.text}` : undefined}
                aria-pressed={has ? props.selected === iso3 : undefined}
                onMouseMove={(e) => {
                  const box = (
                    e.currentTarget.ownerSVGElement as SVGSVGElement
                  ).getBoundingClientRect()
                  show(iso3, c.name, e.clientX - box.left, e.clientY - box.top)
                }}
                onFocus={(e) => {
                  const svg = (
                    e.currentTarget.ownerSVGElement as SVGSVGElement
                  ).getBoundingClientRect()
                  const r = e.currentTarget.getBoundingClientRect()
                  show(iso3, c.name, r.left - svg.left + r.width / 2, r.top - svg.top)
                }}
                onBlur={() => setTip(null)}
                onClick={select}
                onKeyDown={(e: KeyboardEvent) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault()
                    select()
                  }
                }}
              />
            )
          })}
        </svg>
      </div>
      {tip ? (
        <div
          className="map-tooltip"
          style={{ left: tip.x + 12, top: tip.y + 12 }}
          aria-hidden="true"
        >
          {tip.text}
        </div>
      ) : null}
      <div className="legend" aria-label="Map legend">
        <span>
          {props.by === 'share'
            ? 'Share of China’s world exports:'
            : 'Deviation score (actual vs expected):'}
        </span>
        {legend.map((l) => (
          <span key={l.label} className="legend-item">
            <span className="legend-swatch" style={{ background: l.colour }} aria-hidden="true" />{' '}
            {l.label}
          </span>
        ))}
      </div>
    </div>
  )
}
