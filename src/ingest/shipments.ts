/**
 * Reads licence-check files (DESIGN.md, "Licence determination"): CSV (BOM and CRLF accepted) or a JSON array of
 * objects. Every field of every row is checked; each invalid row is reported with its id, line, field, what was
 * expected and what was found, and the valid rows are still returned so they can be determined.
 */
import { arrayItemLines } from './jsonArrayLines'
import { FORMS, isIso3 } from '../contracts/common'
import { parseElementContent, type ElementShare } from '../contracts/elements'
import { END_USER_TYPES, END_USES, shipmentSchema, type Shipment } from '../contracts/licence'
import { isIsoDate } from '../core/shared/months'
import type { DomainIssue, Result } from '../core/shared/result'
import { parseCsv, requireColumns } from './csv'
import { parseNumber } from './rowIssues'

export const SHIPMENT_FIELDS = [
  'id', 'date', 'exporter_country', 'made_in', 'cn_content_value_share', 'hs_code', 'elements', 'form',
  'destination', 'end_user', 'end_user_type', 'end_use', 'value_usd', 'made_with_cn_technology',
] as const // prettier-ignore
const REQUIRED = ['id', 'date', 'form', 'destination'] as const

/** A row problem, naming the row's id (when it has one). */
export type ShipmentIssue = DomainIssue & { row_id: string | null }

export interface ShipmentRow {
  shipment: Shipment
  /** 0-based position in the input. */
  index: number
  line: number | null
}

export interface ShipmentsRead {
  rows: ShipmentRow[]
  issues: ShipmentIssue[]
}

interface Where {
  file: string
  index: number
  line: number | null
  column: (field: string) => number | undefined
}

type Check = { ok: true; value: unknown } | { ok: false; expected: string }

const ISO3 = 'an ISO 3166-1 alpha-3 country code such as JPN'
const asText = (v: unknown): string | null =>
  typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : null

function enumCheck(values: readonly string[]) {
  return (v: unknown): Check => {
    const t = asText(v)
    return t !== null && values.includes(t)
      ? { ok: true, value: t }
      : { ok: false, expected: `one of ${values.join(', ')}` }
  }
}

function numberCheck(min: number, max: number, expected: string) {
  return (v: unknown): Check => {
    const n = typeof v === 'number' ? v : typeof v === 'string' ? parseNumber(v) : undefined
    return n !== undefined && Number.isFinite(n) && n >= min && n <= max
      ? { ok: true, value: n }
      : { ok: false, expected }
  }
}

function elementsCheck(v: unknown): Check {
  if (typeof v === 'string') {
    const r = parseElementContent(v)
    return r.ok
      ? { ok: true, value: r.value }
      : { ok: false, expected: `element content such as Dy:0.04;Nd:0.25 or Dy;Tb (${r.error})` }
  }
  if (Array.isArray(v)) {
    const out: ElementShare[] = []
    for (const e of v) {
      const text =
        e && typeof e === 'object'
          ? `${String((e as Record<string, unknown>)['element'])}${(e as Record<string, unknown>)['fraction'] == null ? '' : `:${String((e as Record<string, unknown>)['fraction'])}`}`
          : String(e)
      const r = parseElementContent(text)
      if (!r.ok || r.value.length !== 1)
        return {
          ok: false,
          expected: `a list of { element, fraction } (${r.ok ? 'one element each' : r.error})`,
        }
      out.push(r.value[0] as ElementShare)
    }
    return { ok: true, value: out }
  }
  return { ok: false, expected: 'element content such as Dy:0.04;Nd:0.25 or Dy;Tb' }
}

const CHECKS: Record<(typeof SHIPMENT_FIELDS)[number], (v: unknown) => Check> = {
  id: (v) => {
    const t = asText(v)
    return t ? { ok: true, value: t } : { ok: false, expected: 'a non-empty id' }
  },
  date: (v) => {
    const t = asText(v)
    return t !== null && isIsoDate(t)
      ? { ok: true, value: t }
      : { ok: false, expected: 'a calendar date YYYY-MM-DD' }
  },
  exporter_country: (v) => {
    const t = asText(v)
    return t !== null && isIso3(t) ? { ok: true, value: t } : { ok: false, expected: ISO3 }
  },
  made_in: (v) => {
    const t = asText(v)
    return t !== null && isIso3(t) ? { ok: true, value: t } : { ok: false, expected: ISO3 }
  },
  cn_content_value_share: numberCheck(0, 1, 'a share from 0 to 1 (0.001 = 0.1%)'),
  hs_code: (v) =>
    typeof v === 'string' && /^\d{6,10}$/.test(v.trim())
      ? { ok: true, value: v.trim() }
      : {
          ok: false,
          expected: 'a customs code of 6 to 10 digits, as text, without dots (e.g. 8505111000)',
        },
  elements: elementsCheck,
  form: enumCheck(FORMS),
  destination: (v) => {
    const t = asText(v)
    return t !== null && isIso3(t) ? { ok: true, value: t } : { ok: false, expected: ISO3 }
  },
  end_user: (v) => {
    const t = asText(v)
    return t !== null ? { ok: true, value: t } : { ok: false, expected: 'a name' }
  },
  end_user_type: enumCheck(END_USER_TYPES),
  end_use: enumCheck(END_USES),
  value_usd: numberCheck(
    0,
    Number.MAX_VALUE,
    'a non-negative number (no currency sign or separators)'
  ),
  made_with_cn_technology: (v) => {
    if (typeof v === 'boolean') return { ok: true, value: v }
    const t = asText(v)?.toLowerCase()
    if (t === 'true' || t === 'yes' || t === '1') return { ok: true, value: true }
    if (t === 'false' || t === 'no' || t === '0') return { ok: true, value: false }
    return { ok: false, expected: 'true or false' }
  },
}

const isBlank = (v: unknown) =>
  v === undefined || v === null || (typeof v === 'string' && v.trim() === '')

function shown(v: unknown): string {
  if (isBlank(v)) return 'an empty value'
  const s = typeof v === 'string' ? JSON.stringify(v) : (JSON.stringify(v) ?? String(v))
  return s.length > 60 ? `${s.slice(0, 57)}...` : s
}

/** Validates one record; returns the shipment or the row's issues. */
function validateRecord(
  record: Record<string, unknown>,
  where: Where
): { shipment?: Shipment; issues: ShipmentIssue[] } {
  const rawId = asText(record['id'])
  const rowId = rawId ? rawId : null
  const label = rowId !== null ? `row ${rowId}` : `row #${where.index + 1} (no id)`
  const issues: ShipmentIssue[] = []
  const clean: Record<string, unknown> = {}
  const fail = (field: string, expected: string, found: unknown, message?: string) => {
    const col = where.column(field)
    issues.push({
      code: 'invalid_shipment',
      message: message ?? `${label}: ${field}: expected ${expected}, found ${shown(found)}`,
      path: [where.index, field],
      file: where.file,
      ...(where.line !== null ? { line: where.line } : {}),
      ...(col !== undefined ? { column: col } : {}),
      field,
      expected,
      found: isBlank(found) ? '' : shown(found),
      row_id: rowId,
    })
  }
  for (const field of SHIPMENT_FIELDS) {
    const v = record[field]
    if (isBlank(v)) {
      if ((REQUIRED as readonly string[]).includes(field)) {
        const r = CHECKS[field]('')
        fail(field, r.ok ? 'a value' : r.expected, v)
      }
      continue
    }
    const r = CHECKS[field](v)
    if (r.ok) clean[field] = r.value
    else fail(field, r.expected, v)
  }
  const exporter = (clean['exporter_country'] as string | undefined) ?? 'CHN'
  if (clean['destination'] !== undefined && clean['destination'] === exporter) {
    fail(
      'destination',
      `a country other than the exporting country (${exporter})`,
      clean['destination']
    )
  }
  if (issues.length > 0) return { issues }
  const parsed = shipmentSchema.safeParse(clean)
  if (!parsed.success) {
    for (const zi of parsed.error.issues)
      fail(String(zi.path[0] ?? ''), zi.message, record[String(zi.path[0] ?? '')])
    return { issues }
  }
  return { shipment: parsed.data, issues }
}

/** Validates already-parsed records (a JSON array, an API body). `lines` gives each record's line when known. */
export function validateShipmentRecords(
  records: readonly unknown[],
  file: string,
  lines?: readonly number[]
): ShipmentsRead {
  const rows: ShipmentRow[] = []
  const issues: ShipmentIssue[] = []
  records.forEach((rec, index) => {
    const line = lines?.[index] ?? null
    if (rec === null || typeof rec !== 'object' || Array.isArray(rec)) {
      issues.push({
        code: 'invalid_shipment',
        message: `row #${index + 1}: expected an object with the shipment fields, found ${shown(rec)}`,
        path: [index],
        file,
        ...(line !== null ? { line } : {}),
        expected: 'an object',
        found: shown(rec),
        row_id: null,
      })
      return
    }
    const r = validateRecord(rec as Record<string, unknown>, {
      file,
      index,
      line,
      column: () => undefined,
    })
    issues.push(...r.issues)
    if (r.shipment) rows.push({ shipment: r.shipment, index, line })
  })
  return { rows, issues }
}

/** Reads a CSV or JSON licence file. A file-level problem (bad CSV, missing columns, not an array) fails whole. */
export function readShipmentsText(text: string, file: string): Result<ShipmentsRead> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  if (body.trimStart().startsWith('[')) {
    let doc: unknown
    try {
      doc = JSON.parse(body)
    } catch (e) {
      return {
        ok: false,
        error: [
          {
            code: 'invalid_json',
            message: `malformed JSON: ${(e as Error).message}`,
            path: [],
            file,
            expected: 'a JSON array of shipments',
            found: 'a syntax error',
          },
        ],
      }
    }
    return {
      ok: true,
      value: validateShipmentRecords(doc as unknown[], file, arrayItemLines(body)),
    }
  }
  const table = parseCsv(text, file)
  if (!table.ok) return table
  const cols = requireColumns(table.value, REQUIRED, file)
  if (!cols.ok) return cols
  const index = cols.value
  const rows: ShipmentRow[] = []
  const issues: ShipmentIssue[] = []
  table.value.records.forEach((rec, k) => {
    const record: Record<string, unknown> = {}
    for (const f of SHIPMENT_FIELDS) {
      const at = index[f]
      if (at !== undefined) record[f] = rec.fields[at] ?? ''
    }
    const r = validateRecord(record, {
      file,
      index: k,
      line: rec.line,
      column: (f) => {
        const at = index[f]
        return at === undefined ? undefined : rec.columns[at]
      },
    })
    issues.push(...r.issues)
    if (r.shipment) rows.push({ shipment: r.shipment, index: k, line: rec.line })
  })
  return { ok: true, value: { rows, issues } }
}
