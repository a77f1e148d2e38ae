/**
 * Turns a parsed YAML document into plain values without letting the yaml library throw: an alias with no
 * anchor, or an alias explosion ("billion laughs"), becomes a located issue instead of an internal error.
 */
import type { Document } from 'yaml'
import type { DomainIssue, Result } from '../core/shared/result'

/** At most this many alias expansions per document (the yaml default is 100; inputs here need none). */
const MAX_ALIASES = 100

export function yamlValue(doc: Document, file: string): Result<unknown> {
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: MAX_ALIASES }) }
  } catch (e) {
    const text = e instanceof Error ? e.message : String(e)
    const issue: DomainIssue = {
      code: 'malformed_yaml',
      message: /alias/i.test(text)
        ? `not usable YAML: ${text.split('\n')[0]} (aliases must refer to an anchor and may be expanded at most ${MAX_ALIASES} times)`
        : `not usable YAML: ${text.split('\n')[0]}`,
      path: [],
      file,
      expected: 'YAML or JSON without dangling or excessive aliases',
      found: 'an alias the document cannot expand',
    }
    return { ok: false, error: [issue] }
  }
}
