/** Every command group registers itself here (one line each). */
import type { Command } from 'commander'
import { registerDb } from './db'
import { registerImport } from './import'
import { registerTrade } from './trade'

export const COMMANDS: ((program: Command) => void)[] = [registerDb, registerImport, registerTrade]
