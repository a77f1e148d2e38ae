/**
 * The `chokepoint` command line. Exit codes: 0 success; 1 invalid input; 2 usage error; 3 internal error.
 */
import { Command, CommanderError } from 'commander'
import { InputError, NotFoundError } from '../contracts/errors'
import { formatIssue } from '../core/shared/result'
import { DatabaseBusyError } from '../db/Database'
import { storageProblem } from '../db/storageErrors'
import { COMMANDS } from './commands'
import { UsageError } from './context'

export function buildProgram(): Command {
  const program = new Command()
  program
    .name('chokepoint')
    .description(
      'Rare-earth supply-chain intelligence: trade monitor, export controls, exposure, stress, respond.'
    )
    .option('--db <path>', 'database file', process.env['CHOKEPOINT_DB'] ?? './chokepoint.duckdb')
    .option(
      '--format <format>',
      'output format: table, json or csv (default: table on a terminal, else json)'
    )
    .showHelpAfterError()
    .exitOverride()
  for (const register of COMMANDS) register(program)
  return program
}

/** Runs the CLI with `argv` (user arguments only) and returns the exit code; never calls process.exit. */
export async function runCli(argv: readonly string[]): Promise<number> {
  const program = buildProgram()
  try {
    await program.parseAsync([...argv], { from: 'user' })
    return 0
  } catch (e) {
    return exitCodeFor(e)
  }
}

function exitCodeFor(e: unknown): number {
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.exitCode === 0)
      return 0
    return 2
  }
  if (e instanceof UsageError) {
    process.stderr.write(`error: ${e.message}\n`)
    return 2
  }
  if (e instanceof InputError) {
    const shown = e.issues.slice(0, 50)
    for (const issue of shown) process.stderr.write(`${formatIssue(issue)}\n`)
    if (e.issues.length > shown.length)
      process.stderr.write(`... and ${e.issues.length - shown.length} more\n`)
    if (e.issues.length === 0) process.stderr.write(`${e.message}\n`)
    process.stderr.write(
      `error: invalid input (${e.issues.length} problem${e.issues.length === 1 ? '' : 's'}); nothing was imported or computed from it\n`
    )
    return 1
  }
  if (e instanceof NotFoundError) {
    process.stderr.write(`error: ${e.message}\n`)
    return 1
  }
  const storage = storageProblem(e)
  if (storage) {
    process.stderr.write(
      `error: ${storage.message}\n  (${e instanceof Error ? e.message.split('\n')[0] : String(e)})\n`
    )
    return 3
  }
  if (e instanceof DatabaseBusyError) {
    process.stderr.write(`error: ${e.message}\n`)
    return 3
  }
  if (e instanceof Error && 'code' in e && (e as { code: unknown }).code === 'ENOENT') {
    process.stderr.write(`error: ${e.message}\n`)
    return 1
  }
  process.stderr.write(
    `internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`
  )
  return 3
}

const isMain =
  process.argv[1] !== undefined && /(cli[/\\]main\.ts|chokepoint(\.mjs)?)$/.test(process.argv[1])
if (isMain) {
  process.exitCode = await runCli(process.argv.slice(2))
}
