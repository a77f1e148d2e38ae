/**
 * Reads a BOM/supply file (CSV with a header, or a JSON array of objects) with the columns of BOM_COLUMNS,
 * validates every cell and the tree, and fills unknown magnet compositions from the library. A file with any
 * problem is rejected whole: every problem names its line, column and field.
 */
import { arrayItemLines } from './jsonArrayLines'
import { FORMS, isIso3, type Form } from '../contracts/common'
import { BOM_COLUMNS, ORIGIN_BASES, STAGES, type OriginBasis } from '../contracts/exposure'
import { indexBom, type BomIndex } from '../core/exposure/bomTree'
import { resolveComposition } from '../core/exposure/composition'
import {
  FORM_STAGES,
  type BomPart,
  type MagnetComposition,
  type StageOrigins,
} from '../core/exposure/types'
import type { DomainIssue, Result } from '../core/shared/result'
import { parseCsv } from './csv'
import { parseNumber } from './rowIssues'

export interface ReadBom {
  parts: BomPart[]
  index: BomIndex
  /** Things the user should know that do not make the file invalid. */
  warnings: string[]
}

/** One row before validation: its values by column name and, for CSV, the column of each field. */
interface RawRow {
  line: number
  values: Partial<Record<string, string>>
  columns: Partial<Record<string, number>>
}

type Column = (typeof BOM_COLUMNS)[number]
const STAGE_COLUMNS = [
  'mine_country',
  'separation_country',
  'metal_country',
  'magnet_country',
] as const

/** Reads `text` as JSON when it starts with `[`, else as CSV (a UTF-8 BOM and CRLF line ends are accepted). */
export function readBom(
  text: string,
  file: string,
  library: readonly MagnetComposition[]
): Result<ReadBom> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  if (body.trimStart().startsWith('[')) {
    let doc: unknown
    try {
      doc = JSON.parse(body)
    } catch (e) {
      const m = /position (\d+)/.exec((e as Error).message)
      const pos = m ? Number(m[1]) : 0
      const line = body.slice(0, pos).split('\n').length
      return fail([
        {
          code: 'malformed_json',
          message: `malformed JSON: ${(e as Error).message}`,
          path: [],
          file,
          line,
          expected: 'a JSON array of part objects',
          found: 'a syntax error',
        },
      ])
    }
    return readBomRecords(doc as unknown[], file, library, arrayItemLines(body))
  }
  const parsed = parseCsv(body, file)
  if (!parsed.ok) return parsed
  const { header, records } = parsed.value
  const missing = BOM_COLUMNS.filter((c) => !header.includes(c))
  if (missing.length > 0) {
    return fail(
      missing.map((c) => ({
        code: 'missing_column',
        message: `missing column "${c}" (a BOM file has the columns ${BOM_COLUMNS.join(',')})`,
        path: [c],
        file,
        line: 1,
        column: 1,
        field: c,
        expected: BOM_COLUMNS.join(','),
        found: header.join(','),
      }))
    )
  }
  const warnings = header
    .filter((h) => !(BOM_COLUMNS as readonly string[]).includes(h))
    .map((h) => `${file}:1: column "${h}" is not a BOM column and was ignored`)
  const rows: RawRow[] = records.map((r) => {
    const values: Record<string, string> = {}
    const columns: Record<string, number> = {}
    header.forEach((h, k) => {
      values[h] = r.fields[k] ?? ''
      columns[h] = r.columns[k] ?? 1
    })
    return { line: r.line, values, columns }
  })
  return readRows(rows, file, library, warnings)
}

/** Reads already-parsed JSON rows (`lines` gives each item's line in the source text, when known). */
export function readBomRecords(
  doc: unknown,
  file: string,
  library: readonly MagnetComposition[],
  lines?: readonly number[]
): Result<ReadBom> {
  if (!Array.isArray(doc)) {
    return fail([
      {
        code: 'invalid_bom',
        message: 'a JSON BOM must be an array of part objects',
        path: [],
        file,
        expected: 'an array',
        found: typeof doc,
      },
    ])
  }
  const issues: DomainIssue[] = []
  const warnings: string[] = []
  const rows: RawRow[] = []
  doc.forEach((item: unknown, k) => {
    const line = lines?.[k] ?? k + 1
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      issues.push({
        code: 'invalid_bom',
        message: `item ${k + 1} is not an object`,
        path: [k],
        file,
        line,
        expected: 'an object with the BOM columns as keys',
        found: Array.isArray(item) ? 'an array' : typeof item,
      })
      return
    }
    const values: Record<string, string> = {}
    for (const [key, v] of Object.entries(item)) {
      if (!(BOM_COLUMNS as readonly string[]).includes(key)) {
        warnings.push(`${file}:${line}: key "${key}" is not a BOM column and was ignored`)
        continue
      }
      if (v === null || v === undefined) values[key] = ''
      else if (typeof v === 'string' || typeof v === 'number') values[key] = String(v)
      else {
        issues.push({
          code: 'invalid_value',
          message: `${key}: expected text or a number, found ${Array.isArray(v) ? 'an array' : typeof v}`,
          path: [k, key],
          file,
          line,
          field: key,
          expected: 'text or a number',
          found: JSON.stringify(v),
        })
      }
    }
    rows.push({ line, values, columns: {} })
  })
  if (issues.length > 0) return fail(issues)
  return readRows(rows, file, library, warnings)
}

function fail(issues: DomainIssue[]): Result<never> {
  return { ok: false, error: issues }
}

function readRows(
  rows: readonly RawRow[],
  file: string,
  library: readonly MagnetComposition[],
  warnings: string[]
): Result<ReadBom> {
  const issues: DomainIssue[] = []
  const parts: BomPart[] = []
  if (rows.length === 0) {
    return fail([
      {
        code: 'empty_bom',
        message: 'the BOM has no parts',
        path: [],
        file,
        line: 1,
        expected: 'at least one part row',
        found: 'none',
      },
    ])
  }
  const shared: Interned = { compositions: new Map(), origins: new Map() }
  for (const row of rows) {
    const part = partFromRow(row, file, library, issues, warnings, shared)
    if (part) parts.push(part)
  }
  if (issues.length > 0) return fail(issues)
  const tree = indexBom(parts, file)
  if (!tree.ok) {
    const byLine = new Map(rows.map((r) => [r.line, r]))
    return fail(
      tree.error.map((i) => {
        const col = i.field === undefined ? undefined : byLine.get(i.line ?? -1)?.columns[i.field]
        return col === undefined ? i : { ...i, column: col }
      })
    )
  }
  return { ok: true, value: { parts, index: tree.value, warnings } }
}

/**
 * Rows with the same `elements` cell (and form) share one resolved composition, rows with the same stage countries
 * one origins tuple: a large BOM then holds far fewer objects (less memory, cheaper garbage collection).
 */
interface Interned {
  compositions: Map<string, ReturnType<typeof resolveComposition>>
  origins: Map<string, StageOrigins>
}

function partFromRow(
  row: RawRow,
  file: string,
  library: readonly MagnetComposition[],
  issues: DomainIssue[],
  warnings: string[],
  shared: Interned
): BomPart | undefined {
  const before = issues.length
  const get = (c: Column): string => (row.values[c] ?? '').trim()
  const add = (
    c: Column,
    code: string,
    expected: string,
    found: string,
    message?: string
  ): void => {
    const col = row.columns[c]
    issues.push({
      code,
      message:
        message ??
        `${c}: expected ${expected}, found ${found === '' ? 'an empty value' : JSON.stringify(found)}`,
      path: [row.line, c],
      file,
      line: row.line,
      ...(col === undefined ? {} : { column: col }),
      field: c,
      expected,
      found,
    })
  }
  const number = (c: Column, what: string): number | null => {
    const s = get(c)
    if (s === '') return null
    const v = parseNumber(s)
    if (v === undefined) {
      add(c, 'invalid_number', what, s)
      return null
    }
    if (v < 0) {
      add(c, 'negative_value', what, s, `${c}: must not be negative, found ${s}`)
      return null
    }
    return v
  }
  const country = (c: Column): string | null => {
    const s = get(c).toUpperCase()
    if (s === '') return null
    if (!isIso3(s)) {
      add(c, 'unknown_country', 'an ISO 3166-1 alpha-3 country code such as JPN', get(c))
      return null
    }
    return s
  }

  const partId = get('part_id')
  if (partId === '') add('part_id', 'missing_value', 'a part id', '')
  const parentRaw = get('parent_id')
  const parentId = parentRaw === '' ? null : parentRaw
  const note = (msg: string): void => {
    warnings.push(`${file}:${row.line} (${partId}): ${msg}`)
  }

  let qty = number('qty_per_parent', 'the number of units in one parent (a non-negative number)')
  if (parentId !== null && qty === null && get('qty_per_parent') === '') {
    add('qty_per_parent', 'missing_value', 'the number of units in one parent', '')
  }
  if (parentId === null) {
    if (qty !== null && qty !== 1) note(`qty_per_parent ${qty} of a top-level part ignored`)
    qty = 1
  }
  const annualUnits = number('annual_units', 'units per year (a non-negative number)')
  const formRaw = get('form').toLowerCase()
  const form = (FORMS as readonly string[]).includes(formRaw) ? (formRaw as Form) : null
  if (form === null) add('form', 'invalid_form', `one of ${FORMS.join(', ')}`, get('form'))
  const massKg = number('mass_kg', 'the mass of one unit in kg (a non-negative number)')

  const basisRaw = get('origin_basis').toLowerCase()
  let originBasis: OriginBasis = 'assumed'
  if ((ORIGIN_BASES as readonly string[]).includes(basisRaw)) originBasis = basisRaw as OriginBasis
  else if (basisRaw !== '')
    add('origin_basis', 'invalid_origin_basis', ORIGIN_BASES.join(', '), get('origin_basis'))

  const supplierCountry = country('supplier_country')
  const origins = STAGE_COLUMNS.map(country) as [
    string | null,
    string | null,
    string | null,
    string | null,
  ]
  const valueUsd = number('value_usd', 'the value of one unit in USD (a non-negative number)')
  const hsRaw = get('hs_code').replace(/[.\s]/g, '')
  let hsCode: string | null = null
  if (hsRaw !== '') {
    if (/^\d{6,10}$/.test(hsRaw)) hsCode = hsRaw
    else add('hs_code', 'invalid_hs_code', 'a customs code of 6 to 10 digits', get('hs_code'))
  }

  let composition: ReturnType<typeof resolveComposition> | undefined
  if (form !== null) {
    const key = `${form}|${get('elements')}`
    composition = shared.compositions.get(key)
    if (composition === undefined) {
      composition = resolveComposition(get('elements'), form, library)
      shared.compositions.set(key, composition)
    }
    if (!composition.ok)
      add(
        'elements',
        'invalid_elements',
        'El:fraction;... or @library-id',
        get('elements'),
        `elements: ${composition.error}`
      )
    else if (composition.value.content.length > 0 && massKg === null && get('mass_kg') === '') {
      add(
        'mass_kg',
        'missing_value',
        'the mass of one unit in kg (needed to turn the element fractions into kg)',
        ''
      )
    }
  }
  if (issues.length > before || form === null || !composition?.ok) return undefined

  const c = composition.value
  if (c.warning) note(c.warning)
  if (c.source === 'unknown' && massKg !== null && massKg > 0)
    note(
      'magnet with a mass but no elements: no element mass counted (write @id to use a library composition)'
    )
  if (basisRaw === '' && c.content.length > 0) note('origin_basis empty: counted as assumed')
  const applicable = FORM_STAGES[form]
  STAGES.forEach((s, k) => {
    if (origins[k] !== null && !applicable.includes(s)) {
      note(`${STAGE_COLUMNS[k]} ${origins[k]} ignored: a part of form ${form} has no ${s} stage`)
      origins[k] = null
    }
  })
  const originsKey = origins.join('|')
  let sharedOrigins = shared.origins.get(originsKey)
  if (sharedOrigins === undefined) {
    sharedOrigins = origins
    shared.origins.set(originsKey, origins)
  }
  return {
    line: row.line,
    partId,
    parentId,
    description: get('description'),
    qtyPerParent: qty ?? 0,
    annualUnits,
    form,
    massKg,
    content: c.content,
    presentOnly: c.presentOnly,
    composition: c.source,
    libraryId: c.libraryId,
    supplier: get('supplier'),
    supplierCountry,
    origins: sharedOrigins,
    originBasis,
    valueUsd,
    hsCode,
  }
}
