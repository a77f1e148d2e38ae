import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { overlayIssues } from '../core/controls/overlayChecks'
import { parseOverlay, parseRulebook, readOverlayJson, readRulebookJson } from './rulebookJson'

const shippedText = readFileSync('data/controls_measures.json', 'utf8')
const overlayText = readFileSync('data/controls_operative.json', 'utf8')
const shipped = JSON.parse(shippedText) as Record<string, unknown>[]

describe('reading the rulebook', () => {
  it('accepts the shipped 41 measures, one row per measure keyed by id with its line and first source', () => {
    const r = readRulebookJson(shippedText, 'controls_measures.json')
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.value).toHaveLength(41)
    expect(r.value[0]).toMatchObject({ key: 'cn-mofcom-gac-2023-23', line: 2 })
    expect(r.value[0]?.source_url).toMatch(/^https:\/\/www\.deloitte\.com/)
  })

  it('names the measure, the field, what was expected and what was found', () => {
    const bad = structuredClone(shipped)
    const m = bad[10] as Record<string, unknown>
    m['status'] = 'paused'
    ;(m['items'] as Record<string, unknown>[])[2]!['forms'] = ['powder']
    m['effective'] = '2025-04-31'
    m['destinations'] = 'EU'
    m['efective'] = '2025-04-04'
    const text = JSON.stringify(bad, null, 1)
    const r = parseRulebook(text, 'rb.json')
    expect(r.ok).toBe(false)
    if (r.ok) return
    const by = (field: string) => r.error.find((i) => i.field === field)
    expect(by('status')).toMatchObject({
      message:
        'measure cn-mofcom-gac-2025-18: status: expected one of in_force, suspended, superseded, proposed, expired, found "paused"',
      file: 'rb.json',
      expected: 'one of in_force, suspended, superseded, proposed, expired',
      found: '"paused"',
    })
    expect(by('items[2].forms[0]')?.found).toBe('"powder"')
    expect(by('effective')?.expected).toBe('a calendar date YYYY-MM-DD')
    expect(by('destinations')?.expected).toBe('"ALL", a list of ISO3 codes or null')
    expect(by('efective')?.message).toContain('no such field')
    // Lines point into the measure (the shipped file has one key per line).
    expect(by('status')?.line).toBe(text.split('\n').findIndex((l) => l.includes('"paused"')) + 1)
  })

  it('rejects a missing id, a duplicated id, inconsistent suspension dates, and non-arrays', () => {
    const bad = structuredClone(shipped)
    delete (bad[0] as Record<string, unknown>)['id']
    ;(bad[2] as Record<string, unknown>)['id'] = 'cn-mofcom-gac-2023-39'
    ;(bad[3] as Record<string, unknown>)['suspended_from'] = '2025-01-01'
    const r = parseRulebook(JSON.stringify(bad), 'rb.json')
    expect(r.ok).toBe(false)
    if (r.ok) return
    const messages = r.error.map((i) => i.message)
    expect(messages).toContain(
      'measure #1 (no id): id: expected string, found nothing (the field is missing)'
    )
    expect(
      messages.some((x) => x.startsWith('measure cn-mofcom-gac-2023-39: id appears twice'))
    ).toBe(true)
    expect(
      messages.some((x) =>
        x.includes('suspended_until: expected suspended_from and suspended_until both set')
      )
    ).toBe(true)
    const notArray = parseRulebook('{"id": "x"}', 'rb.json')
    expect(!notArray.ok && notArray.error[0]?.expected).toBe('an array of measures')
    const broken = parseRulebook('[{"id": }]', 'rb.json')
    expect(!broken.ok && broken.error[0]).toMatchObject({ code: 'invalid_json', line: 1 })
  })
  it('refuses half a surrogate pair, which the store could not keep as text', () => {
    const bad = structuredClone(shipped)
    bad[3]!['jurisdiction'] = 'CN\ud800'
    const r = parseRulebook(JSON.stringify(bad), 'rb.json')
    expect(!r.ok && r.error[0]).toMatchObject({
      code: 'invalid_text',
      field: 'jurisdiction',
      message: expect.stringMatching(
        /^measure cn-sc-2024-785: jurisdiction: expected well-formed Unicode text/
      ),
    })
  })
})

describe('reading the operative overlay', () => {
  it('accepts the shipped overlay: one entry per Chinese measure, each citing its measure', () => {
    const r = readOverlayJson(overlayText, 'controls_operative.json')
    expect(r.ok).toBe(true)
    if (!r.ok) return
    const chinese = shipped.filter((m) => m['jurisdiction'] === 'CN').map((m) => m['id'])
    expect(r.value.map((x) => x.key).sort()).toEqual([...(chinese as string[])].sort())
    const m = parseRulebook(shippedText, 'm')
    const o = parseOverlay(overlayText, 'o')
    if (!m.ok || !o.ok) throw new Error('parse')
    expect(
      overlayIssues(
        m.value.map((x) => x.value),
        o.value.map((x) => x.value)
      )
    ).toEqual([])
  })

  it('rejects an unknown effect with the entry and field, and a source the measure does not cite', () => {
    const doc = JSON.parse(overlayText) as {
      entries: { operative: { rules: { effect: string }[] }; source_url: string }[]
    }
    doc.entries[10]!.operative.rules[0]!.effect = 'forbid'
    const r = parseOverlay(JSON.stringify(doc, null, 2), 'ov.json')
    expect(!r.ok && r.error[0]?.message).toBe(
      'overlay entry #11 (measure cn-mofcom-gac-2025-18): operative.rules[0].effect: expected one of deny, case_by_case, licence, review, exempt, flag, note, excluded, found "forbid"'
    )
    const doc2 = JSON.parse(overlayText) as typeof doc
    doc2.entries[0]!.source_url = 'https://example.org/not-a-source'
    const m = parseRulebook(shippedText, 'm')
    const o = parseOverlay(JSON.stringify(doc2), 'o')
    if (!m.ok || !o.ok) throw new Error('parse')
    const issues = overlayIssues(
      m.value.map((x) => x.value),
      o.value.map((x) => x.value)
    )
    expect(issues[0]?.message).toContain(
      "cites https://example.org/not-a-source, which is not among the measure's sources"
    )
  })

  it('rejects a document that is not an overlay', () => {
    const r = parseOverlay('{"overlay": "other", "version": 1, "entries": []}', 'ov.json')
    expect(!r.ok && r.error[0]?.message).toBe(
      'overlay: overlay: expected "controls_operative", found "other"'
    )
  })
})
