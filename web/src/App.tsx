/** The shell: skip link, navigation, and the page for the current path (heavy pages load on demand). */
import { lazy, Suspense, type ComponentType } from 'react'
import { Link } from './components/Link'
import { Loading } from './components/States'
import { useLocation } from './lib/router'
import { Overview } from './pages/Overview'
import { PAGES } from './pages/routes'

const LAZY: Record<string, ComponentType> = {
  '/destinations': lazy(() => import('./pages/Destinations')),
  '/controls': lazy(() => import('./pages/Controls')),
  '/exposure': lazy(() => import('./pages/Exposure')),
  '/stress': lazy(() => import('./pages/Stress')),
  '/respond': lazy(() => import('./pages/Respond')),
  '/data': lazy(() => import('./pages/Data')),
}

function NotFound({ path }: { path: string }) {
  return (
    <article className="page">
      <h1 tabIndex={-1}>Page not found</h1>
      <p>
        There is no page at <code>{path}</code>. <Link href="/">Go to the Overview</Link>.
      </p>
    </article>
  )
}

export function App() {
  const { path } = useLocation()
  const clean = path.length > 1 ? path.replace(/\/+$/, '') : path
  const Lazy = LAZY[clean]
  const page = clean === '/' ? <Overview /> : Lazy ? <Lazy /> : <NotFound path={path} />
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar no-print">
        <Link href="/" className="brand" aria-label="Chokepoint, Overview">
          <svg viewBox="0 0 32 32" width="22" height="22" aria-hidden="true">
            <rect width="32" height="32" rx="6" fill="#0072B2" />
            <path
              d="M6 22h20M10 22V12M16 22V8M22 22v-6"
              stroke="#fff"
              strokeWidth="3"
              strokeLinecap="round"
            />
          </svg>
          Chokepoint
        </Link>
        <nav aria-label="Pages">
          <ul>
            {PAGES.map((p) => (
              <li key={p.path}>
                <Link
                  href={p.path}
                  title={p.blurb}
                  aria-current={clean === p.path ? 'page' : undefined}
                >
                  {p.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <a className="api-link" href="/api/docs">
          API
        </a>
      </header>
      <div className="print-header print-only">Chokepoint · rare-earth supply-chain report</div>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<Loading what="the page" />}>{page}</Suspense>
      </main>
      <footer className="footer">
        Figures come from the API of this server, each with its public sources.{' '}
        <Link href="/data">Data and sources</Link> · <a href="/api/docs">API documentation</a>
      </footer>
    </>
  )
}
