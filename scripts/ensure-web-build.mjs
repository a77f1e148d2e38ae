// Builds the dashboard (dist/web) when it is missing or older than its sources; `npm start` runs this first.
import { execSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const out = 'dist/web/index.html'
function newest(dir) {
  let t = 0
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name)
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs)
  }
  return t
}
if (!existsSync('web/index.html')) process.exit(0)
// The bundle includes web/, the shared contracts and the example files the pages offer.
const sources = ['web', 'src/contracts', 'examples'].filter((d) => existsSync(d))
const stale = !existsSync(out) || sources.some((d) => newest(d) > statSync(out).mtimeMs)
if (stale) {
  console.log('Building the dashboard (vite build)...')
  execSync('npx vite build --config web/vite.config.ts', { stdio: 'inherit' })
}
