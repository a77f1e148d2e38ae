/**
 * `npm run bench -- <name> [...]`: runs one benchmark script (bench/<name>.ts) or all of them.
 * Benchmarks are not tests: they print a table and write bench/results/<name>.json.
 */
import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const available = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''))
  .sort()
// Names are words; options and their values (`--rows 100000`) are passed on to the benchmark.
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-') && !/^[\d.]+$/.test(a))
const names = wanted.length > 0 ? wanted : available
for (const name of names) {
  if (!available.includes(name)) {
    process.stderr.write(`unknown benchmark "${name}" (available: ${available.join(', ')})\n`)
    process.exit(2)
  }
}
for (const name of names) {
  process.stdout.write(`\n== bench ${name} ==\n`)
  const mod = (await import(join(here, `${name}.bench.ts`))) as {
    main: (args: string[]) => Promise<void>
  }
  await mod.main(process.argv.slice(2).filter((a) => a !== name))
}
