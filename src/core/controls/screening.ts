/**
 * Entity screening: normalises names (width, case, punctuation, legal suffixes such as Co., Ltd., Corporation,
 * K.K., Kabushiki Kaisha, GmbH), matches names and aliases exactly, and scores near matches. A near match is a
 * candidate, never a certain hit: the evaluator turns it into needs_review with the candidate named.
 */

/** Legal-form words dropped from the end of a name (and, for the Japanese forms, from its start). */
const LEGAL_SUFFIXES = new Set([
  'co', 'ltd', 'limited', 'corp', 'corporation', 'inc', 'incorporated', 'company', 'kk', 'gk', 'yk',
  'kabushikikaisha', 'kabushikigaisha', 'gmbh', 'ag', 'sa', 'plc', 'llc', 'bv', 'nv', 'pte', 'pty',
  'srl', 'sarl', 'spa', 'oy', 'ab',
]) // prettier-ignore
const STOP_WORDS = new Set(['and', 'the', 'of'])
const JAPANESE_FORMS = /株式会社|有限会社|合同会社|\(株\)|\(有\)/g

/** Lower-case tokens of a name with punctuation, stop words and legal forms removed. */
export function entityTokens(name: string): string[] {
  const text = name
    .normalize('NFKC')
    .toLowerCase()
    .replace(JAPANESE_FORMS, ' ')
    .replace(/kabushiki\s+(kaisha|gaisha)/g, ' kabushikikaisha ')
    .replace(/[&+＆]/g, ' and ')
    .replace(/['’.]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
  const tokens = text.split(' ').filter((t) => t !== '' && !STOP_WORDS.has(t))
  while (tokens.length > 1 && LEGAL_SUFFIXES.has(tokens[tokens.length - 1] ?? '')) tokens.pop()
  while (tokens.length > 1 && (tokens[0] === 'kabushikikaisha' || tokens[0] === 'kk'))
    tokens.shift()
  return tokens
}

/** The normalised form two names are compared by: `Nitto Denko K.K.` → `nitto denko`. */
export function normaliseEntityName(name: string): string {
  return entityTokens(name).join(' ')
}

function bigramDice(a: string, b: string): number {
  if (a.length < 2 || b.length < 2) return a === b ? 1 : 0
  const counts = new Map<string, number>()
  for (let i = 0; i < a.length - 1; i++) {
    const g = a.slice(i, i + 2)
    counts.set(g, (counts.get(g) ?? 0) + 1)
  }
  let common = 0
  for (let i = 0; i < b.length - 1; i++) {
    const g = b.slice(i, i + 2)
    const n = counts.get(g) ?? 0
    if (n > 0) {
      common++
      counts.set(g, n - 1)
    }
  }
  return (2 * common) / (a.length - 1 + (b.length - 1))
}

function levenshteinRatio(a: string, b: string): number {
  if (a === b) return 1
  const n = b.length
  let prev = Array.from({ length: n + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1
      cur.push(Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost))
    }
    prev = cur
  }
  return 1 - (prev[n] ?? 0) / Math.max(a.length, n)
}

export interface ScreeningCandidate {
  name: string
  aliases: readonly string[]
  /** `subsidiaries`: the list covers unnamed subsidiaries of this group, so a match is never certain. */
  scope: 'entity' | 'subsidiaries'
}

export interface ScreeningHit {
  /** Index of the candidate in the list given to `createEntityScreener`. */
  candidate: number
  /** 1 for an exact match of the normalised name or an alias; below 1 for a near match. */
  score: number
  certain: boolean
  /** The listed name or alias that matched. */
  matched: string
}

export interface EntityScreener {
  /** Hits at or above the near-match threshold, best first (memoised per input string). */
  screen(name: string): readonly ScreeningHit[]
}

interface Prepared {
  candidate: number
  text: string
  tokens: string[]
  compact: string
  scope: 'entity' | 'subsidiaries'
}

/** Score of `user` against one listed name: 1 exact; token containment 0.9; partial names 0.7-0.9; typos by edit and bigram similarity. */
function scoreName(userTokens: string[], userText: string, userCompact: string, p: Prepared) {
  if (userText === p.text) return 1
  const user = new Set(userTokens)
  if (p.tokens.every((t) => user.has(t))) return 0.9
  const listed = new Set(p.tokens)
  if (userTokens.length > 0 && userTokens.every((t) => listed.has(t)) && userCompact.length >= 3) {
    return 0.7 + (0.2 * userTokens.length) / p.tokens.length
  }
  if (Math.abs(userCompact.length - p.compact.length) > Math.max(4, p.compact.length / 3)) return 0
  return Math.max(bigramDice(userCompact, p.compact), levenshteinRatio(userCompact, p.compact))
}

/** A screener over listed names; `nearThreshold` (default 0.8) is the lowest score reported. */
export function createEntityScreener(
  candidates: readonly ScreeningCandidate[],
  nearThreshold = 0.8
): EntityScreener {
  const prepared: Prepared[] = []
  candidates.forEach((c, candidate) => {
    for (const name of [c.name, ...c.aliases]) {
      const tokens = entityTokens(name)
      prepared.push({
        candidate,
        text: tokens.join(' '),
        tokens,
        compact: tokens.join(''),
        scope: c.scope,
      })
    }
  })
  const cache = new Map<string, readonly ScreeningHit[]>()
  const screen = (name: string): readonly ScreeningHit[] => {
    const cached = cache.get(name)
    if (cached) return cached
    const tokens = entityTokens(name)
    const text = tokens.join(' ')
    const compact = tokens.join('')
    const best = new Map<number, ScreeningHit>()
    if (compact !== '') {
      for (const p of prepared) {
        let score = scoreName(tokens, text, compact, p)
        // A group whose subsidiaries are listed: even its exact name is only a candidate.
        if (p.scope === 'subsidiaries' && score >= 0.9) score = 0.9
        if (score < nearThreshold) continue
        const prev = best.get(p.candidate)
        if (!prev || score > prev.score) {
          const c = candidates[p.candidate]
          const matched = c
            ? ([c.name, ...c.aliases].find((n) => normaliseEntityName(n) === p.text) ?? c.name)
            : ''
          best.set(p.candidate, { candidate: p.candidate, score, certain: score === 1, matched })
        }
      }
    }
    const hits = [...best.values()].sort((a, b) => b.score - a.score || a.candidate - b.candidate)
    if (cache.size >= 50_000) cache.clear()
    cache.set(name, hits)
    return hits
  }
  return { screen }
}
