/** Every command group registers itself here (one line each). */
import type { Command } from 'commander'
import { registerAlerts } from './alerts'
import { registerDb } from './db'
import { registerExposure } from './exposure'
import { registerImport } from './import'
import { registerLicence } from './licence'
import { registerRespond } from './respond'
import { registerRules } from './rules'
import { registerSimulate } from './simulate'
import { registerTrade } from './trade'

export const COMMANDS: ((program: Command) => void)[] = [
  registerDb,
  registerImport,
  registerTrade,
  registerAlerts,
  registerExposure,
  registerRespond,
  registerRules,
  registerLicence,
  registerSimulate,
]
