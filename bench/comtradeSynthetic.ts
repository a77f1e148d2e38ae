/**
 * Deterministic synthetic UN Comtrade CSV (the 47 columns of a Comtrade+ download, in their order) for the import
 * benchmark. China (156) is the reporter throughout; periods run month by month backwards from 2025-12 so that
 * every row has its own key. Quantities and values are random draws, not data: the file only exercises the importer.
 */
import { createWriteStream } from 'node:fs'
import countries from 'i18n-iso-countries'
import { createRng } from '../src/core/shared/rng'

export const COMTRADE_CSV_COLUMNS = [
  'typeCode', 'freqCode', 'refPeriodId', 'refYear', 'refMonth', 'period', 'reporterCode', 'reporterISO',
  'reporterDesc', 'flowCode', 'flowDesc', 'partnerCode', 'partnerISO', 'partnerDesc', 'partner2Code',
  'partner2ISO', 'partner2Desc', 'classificationCode', 'classificationSearchCode', 'isOriginalClassification',
  'cmdCode', 'cmdDesc', 'aggrLevel', 'isLeaf', 'customsCode', 'customsDesc', 'mosCode', 'motCode', 'motDesc',
  'qtyUnitCode', 'qtyUnitAbbr', 'qty', 'isQtyEstimated', 'altQtyUnitCode', 'altQtyUnitAbbr', 'altQty',
  'isAltQtyEstimated', 'netWgt', 'isNetWgtEstimated', 'grossWgt', 'isGrossWgtEstimated', 'cifvalue',
  'fobvalue', 'primaryValue', 'legacyEstimationFlag', 'isReported', 'isAggregate',
] as const // prettier-ignore

/** Comtrade uses its own codes for a few customs areas (see docs/comtrade.md). */
const COMTRADE_CODE: Record<string, string> = {
  FRA: '251',
  ITA: '381',
  NOR: '579',
  IND: '699',
  CHE: '757',
  USA: '842',
}

/** cmdCode, aggrLevel and a short label (our own wording); the last one is not mapped and is skipped on import. */
const COMMODITIES: readonly [string, number, string][] = [
  ['850511', 6, 'Permanent magnets of metal'],
  ['280530', 6, 'Rare-earth metals, scandium and yttrium'],
  ['2846', 4, 'Compounds of rare-earth metals, yttrium or scandium'],
  ['284610', 6, 'Cerium compounds'],
  ['284690', 6, 'Rare-earth compounds other than cerium'],
  ['850519', 6, 'Permanent magnets of other materials'],
]

interface Partner {
  code: string
  iso: string
  desc: string
}

function partners(): Partner[] {
  const out: Partner[] = [{ code: '0', iso: 'W00', desc: 'World' }]
  const numeric = countries.getNumericCodes()
  for (const num of Object.keys(numeric).sort()) {
    const iso = countries.numericToAlpha3(num)
    if (!iso || iso === 'CHN') continue
    out.push({
      code: COMTRADE_CODE[iso] ?? String(Number(num)),
      iso,
      desc: countries.getName(iso, 'en') ?? iso,
    })
  }
  return out
}

const quote = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s)

export interface SyntheticResult {
  rows: number
  /** Rows the importer should store (China, X or M, a mapped commodity). */
  importable: number
  bytes: number
}

/** Writes `rows` data rows to `path`; the same seed and row count give the same bytes. */
export async function writeSyntheticComtradeCsv(
  path: string,
  rows: number,
  seed = 20250520
): Promise<SyntheticResult> {
  const rng = createRng(seed)
  const list = partners()
  const out = createWriteStream(path)
  let buffer = COMTRADE_CSV_COLUMNS.join(',') + '\n'
  let bytes = 0
  let written = 0
  let importable = 0
  const flush = async (): Promise<void> => {
    bytes += Buffer.byteLength(buffer)
    if (!out.write(buffer)) await new Promise<void>((r) => out.once('drain', () => r()))
    buffer = ''
  }
  let month = 2025 * 12 + 11
  outer: for (;;) {
    const year = Math.floor(month / 12)
    const mm = String((month % 12) + 1).padStart(2, '0')
    const period = `${year}${mm}`
    for (const [cmd, level, label] of COMMODITIES) {
      for (const flow of ['X', 'M'] as const) {
        for (const p of list) {
          if (written >= rows) break outer
          const kg = Math.round(rng.next() * 5e6 * 10) / 10
          const usd = Math.round(kg * (5 + rng.next() * 95) * 100) / 100
          const estimated = rng.next() < 0.05
          const fob = flow === 'X' ? String(usd) : ''
          const cif = flow === 'M' ? String(usd) : ''
          buffer +=
            [
              'C', 'M', `${period}01`, String(year), String(Number(mm)), period, '156', 'CHN', 'China',
              flow, flow === 'X' ? 'Export' : 'Import', p.code, p.iso, quote(p.desc), '0', 'W00', 'World',
              'H6', 'HS', 'True', cmd, quote(label), String(level), level === 6 ? 'True' : 'False', 'C00',
              'TOTAL CPC', '0', '0', 'TOTAL MOT', '8', 'kg', String(kg), 'False', '-1', 'N/A', '0', 'False',
              String(kg), estimated ? 'True' : 'False', '0', 'False', cif, fob, String(usd), '0', 'True',
              'False',
            ].join(',') + '\n' // prettier-ignore
          written++
          if (cmd !== '850519') importable++
          if (buffer.length > 1 << 20) await flush()
        }
      }
    }
    month--
  }
  await flush()
  await new Promise<void>((resolve, reject) =>
    out.end((e?: Error | null) => (e ? reject(e) : resolve()))
  )
  return { rows: written, importable, bytes }
}
