/** Content hashes for files (vintages) and rows (revision detection). */
import { createHash } from 'node:crypto'

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}

/** A short, stable hash of a row's fields (sha1 is enough to tell revisions apart; not a security boundary). */
export function rowHash(fields: readonly unknown[]): string {
  return createHash('sha1').update(JSON.stringify(fields)).digest('hex').slice(0, 20)
}
