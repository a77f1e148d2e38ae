/** Building the dashboard (dist/web) and telling whether the build is stale: shared by `npm start`, tests, bench. */
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
export const WEB_DIR = join(ROOT, 'dist/web')

function newest(dir: string): number {
  let t = 0
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name)
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs)
  }
  return t
}

/** True when dist/web is missing or older than web/, src/contracts or examples/ (the bundle includes all three). */
export function webBuildStale(): boolean {
  const index = join(WEB_DIR, 'index.html')
  if (!existsSync(index)) return true
  const built = statSync(index).mtimeMs
  return ['web', 'src/contracts', 'examples'].some(
    (d) => existsSync(join(ROOT, d)) && newest(join(ROOT, d)) > built
  )
}

/** Runs `vite build` for the dashboard (warnings and errors only). */
export function buildWeb(): void {
  execFileSync(
    process.execPath,
    [
      join(ROOT, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'web/vite.config.ts',
      '--logLevel',
      'warn',
    ],
    { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] }
  )
}
