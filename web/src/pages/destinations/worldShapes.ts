/**
 * Country outlines for the map: world-atlas countries-110m (Natural Earth, ISO numeric ids) projected once with
 * d3-geo's Equal Earth projection into a fixed 960 × 470 box, keyed by ISO alpha-3. Antarctica is left out.
 */
import { geoEqualEarth, geoPath } from 'd3-geo'
import type { Feature, FeatureCollection, Geometry } from 'geojson'
import { feature, mesh } from 'topojson-client'
import type { GeometryCollection, Topology } from 'topojson-specification'
import world from 'world-atlas/countries-110m.json'
import { iso3FromNumeric } from '../../lib/countries'

export const MAP_WIDTH = 960
export const MAP_HEIGHT = 470

export interface CountryShape {
  /** ISO alpha-3, or `N-<name>` for the few shapes without an ISO code (e.g. Kosovo, Somaliland). */
  key: string
  iso3: string | undefined
  name: string
  d: string
}

let cache: { countries: CountryShape[]; borders: string } | null = null

export function worldShapes(): { countries: CountryShape[]; borders: string } {
  if (cache) return cache
  const topo = world as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>
  const fc = feature(topo, topo.objects.countries) as FeatureCollection<Geometry, { name: string }>
  const shown = fc.features.filter((f) => f.id !== '010')
  const projection = geoEqualEarth().fitExtent(
    [
      [4, 4],
      [MAP_WIDTH - 4, MAP_HEIGHT - 4],
    ],
    { type: 'FeatureCollection', features: shown } as FeatureCollection
  )
  const path = geoPath(projection)
  const countries = shown.map((f: Feature<Geometry, { name: string }>) => {
    const iso3 = iso3FromNumeric(f.id as string | undefined)
    return {
      key: iso3 ?? `N-${f.properties.name}`,
      iso3,
      name: f.properties.name,
      d: path(f) ?? '',
    }
  })
  const borders = path(mesh(topo, topo.objects.countries, (a, b) => a !== b)) ?? ''
  cache = { countries, borders }
  return cache
}
