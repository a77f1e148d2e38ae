/** Every command group registers itself here (one line each). */
import type { Command } from 'commander'
import { registerAlerts } from './alerts'
import { registerDb } from './db'
import { registerExposure } from './exposure'
import { registerImport } from './import'
import { registerRespond } from './respond'
import { registerTrade } from './trade'

export const COMMANDS: ((program: Command) => void)[] = [
  registerDb,
  registerImport,
  registerTrade,
  registerAlerts,
  registerExposure,
  registerRespond,
]
