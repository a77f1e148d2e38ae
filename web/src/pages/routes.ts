/** The dashboard's pages: path, navigation label, and the API route each one needs. */
export interface PageInfo {
  path: string
  label: string
  /** One line for the navigation's title and the page intro. */
  blurb: string
}

export const PAGES: PageInfo[] = [
  { path: '/', label: 'Overview', blurb: 'The latest release, throttling flags and rule changes' },
  { path: '/destinations', label: 'Destinations', blurb: 'Where China’s exports go, by partner' },
  { path: '/controls', label: 'Controls', blurb: 'Export-control measures and licence checks' },
  { path: '/exposure', label: 'Exposure', blurb: 'A bill of materials traced to its origins' },
  { path: '/stress', label: 'Stress', blurb: 'Disruption scenarios run as Monte Carlo' },
  { path: '/respond', label: 'Respond', blurb: 'Diversification, price floors and projects' },
  { path: '/data', label: 'Data', blurb: 'Datasets, coverage, sources and disagreements' },
]
