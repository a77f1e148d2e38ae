// Prints one closing line from vitest's JSON report: "vitest: N passed, N failed, N skipped".
import { readFileSync } from 'node:fs'

const file = process.argv[2] ?? 'test-results/vitest-report.json'
const r = JSON.parse(readFileSync(file, 'utf8'))
const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0)
process.stdout.write(
  `vitest: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped\n`
)
