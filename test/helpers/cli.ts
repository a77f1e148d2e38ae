/** Runs the real `chokepoint` binary in a child process. */
import { spawn } from 'node:child_process'
import { join } from 'node:path'

export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

const bin = join(import.meta.dirname, '../../bin/chokepoint.mjs')

export function runChokepoint(
  args: string[],
  env: Record<string, string> = {}
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }))
  })
}
