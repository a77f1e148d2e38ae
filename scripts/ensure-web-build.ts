// Builds the dashboard (dist/web) when it is missing or older than its sources; `npm start` runs this first.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT, buildWeb, webBuildStale } from './webBuild'

if (existsSync(join(ROOT, 'web/index.html')) && webBuildStale()) {
  process.stdout.write('Building the dashboard (vite build)...\n')
  buildWeb()
}
