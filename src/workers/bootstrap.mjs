// Worker entry: registers tsx in this thread (a worker does not inherit the parent's loader), then loads the
// TypeScript worker. Works the same under the CLI, the server and vitest.
import { register } from 'tsx/esm/api'

register()
await import('./simulationWorker.ts')
