/**
 * Country outlines for the map: world-atlas countries-110m (Natural Earth, ISO numeric ids) projected once with
 * d3-geo's Equal Earth projection into a fixed 960 × 470 box, keyed by ISO alpha-3. Antarctica is left out.
 */
import { geoEqualEarth, geoPath } from 'd3-geo'
import type { Feature, FeatureCollection, Geometry } from 'geojson'
import { feature } from 'topojson-client'
import type { GeometryCollection, Topology } from 'topojson-specification'
import world from 'world-atlas/countries-110m.json'
import { iso3FromNumeric } from '../../lib/countries'

export const MAP_WIDTH = 960

export interface CountryShape {
  /** ISO alpha-3, or `N-<name>` for the few shapes without an ISO code (e.g. Kosovo, Somaliland). */
  key: string
  iso3: string | undefined
  name: string
  d: string
}

export interface WorldShapes {
  countries: CountryShape[]
  /** Height of the drawing at MAP_WIDTH (the projection's own aspect, no empty band). */
  height: number
}

let cache: WorldShapes | null = null

export function worldShapes(): WorldShapes {
  if (cache) return cache
  const topo = world as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>
  const fc = feature(topo, topo.objects.countries) as FeatureCollection<Geometry, { name: string }>
  const shown = fc.features.filter((f) => f.id !== '010')
  const all = { type: 'FeatureCollection', features: shown } as FeatureCollection
  const projection = geoEqualEarth().fitWidth(MAP_WIDTH - 8, all)
  const path = geoPath(projection)
  const [[, y0], [, y1]] = path.bounds(all)
  projection.translate([projection.translate()[0] + 4, projection.translate()[1] - y0 + 4])
  const countries = shown.map((f: Feature<Geometry, { name: string }>) => {
    const iso3 = iso3FromNumeric(f.id as string | undefined)
    return {
      key: iso3 ?? `N-${f.properties.name}`,
      iso3,
      name: f.properties.name,
      d: path(f) ?? '',
    }
  })
  cache = { countries, height: Math.ceil(y1 - y0 + 8) }
  return cache
}
