/**
 * Table-driven determinations derived from the measure texts of data/controls_measures.json (with the operative
 * overlay data/controls_operative.json): each measure's window, the day before and the day of entry into force,
 * suspensions and their lapse, the Japan military ban, entity lists with name variants, the 0.1% rule, the
 * technology ban, uncontrolled elements and excluded deep-processed goods.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { shipmentSchema, type ShipmentInput } from '../../contracts/licence'
import { parseOverlay, parseRulebook } from '../../ingest/rulebookJson'
import { compileRulebook } from './compile'
import { determine } from './determine'

function shipped() {
  const m = parseRulebook(readFileSync('data/controls_measures.json', 'utf8'), 'm')
  const o = parseOverlay(readFileSync('data/controls_operative.json', 'utf8'), 'o')
  if (!m.ok || !o.ok) throw new Error('shipped rulebook does not parse')
  return compileRulebook(
    m.value.map((x) => x.value),
    o.value.map((x) => x.value)
  )
}
const rb = shipped()

interface Case {
  name: string
  s: Partial<ShipmentInput>
  asOf?: string
  verdict: 'prohibited' | 'licence_required' | 'needs_review' | 'no_licence_required'
  /** Measures that must be listed, as `id` or `id:effect`. */
  has?: string[]
  /** Measures that must not be listed. */
  not?: string[]
  warn?: string
  noWarnings?: boolean
  rationale?: string
  missing?: string[]
  review?: string | null
  days?: number | null
}

const CN = 'cn-mofcom'
const c: Case[] = [
  // Gallium and germanium (No. 23 of 2023): from 2023-08-01, all destinations; continued under the 2024 list.
  {
    name: 'Ga metal the day before No. 23 of 2023',
    s: { date: '2023-07-31', form: 'metal', elements: 'Ga', destination: 'DEU' },
    verdict: 'no_licence_required',
    noWarnings: true,
  },
  {
    name: 'Ga metal the day No. 23 of 2023 takes effect',
    s: { date: '2023-08-01', form: 'metal', elements: 'Ga', destination: 'DEU' },
    verdict: 'licence_required',
    has: [`${CN}-gac-2023-23:licence`],
    days: 45,
    review: 'standard',
  },
  {
    name: 'Ge oxide after consolidation cites the continuing list',
    s: { date: '2025-01-10', form: 'oxide', elements: 'Ge', destination: 'KOR' },
    verdict: 'licence_required',
    has: [`${CN}-gac-2023-23`],
    rationale: 'listing continued under Export Control List of Dual-Use Items',
  },
  {
    name: 'indium gallium arsenide needs Ga and In: licensed in 2024',
    s: { date: '2024-01-01', form: 'compound', elements: 'Ga;In', destination: 'DEU' },
    verdict: 'licence_required',
    has: [`${CN}-gac-2023-23`],
  },
  {
    name: 'an indium compound alone is not a 2023 gallium item',
    s: { date: '2024-01-01', form: 'compound', elements: 'In', destination: 'DEU' },
    verdict: 'no_licence_required',
  },
  {
    name: 'indium compounds are listed from No. 10 of 2025 (2025-02-04)',
    s: { date: '2025-02-04', form: 'compound', elements: 'In', destination: 'DEU' },
    verdict: 'licence_required',
    has: [`${CN}-gac-2025-10:licence`],
  },
  // Graphite (No. 39 of 2023).
  {
    name: 'graphite the day before No. 39 of 2023',
    s: { date: '2023-11-30', form: 'compound', elements: 'C', destination: 'KOR' },
    verdict: 'no_licence_required',
  },
  {
    name: 'graphite the day No. 39 of 2023 takes effect',
    s: { date: '2023-12-01', form: 'compound', elements: 'C', destination: 'KOR' },
    verdict: 'licence_required',
    has: [`${CN}-gac-2023-39:licence`],
  },
  {
    name: 'tungsten carbide is not graphite (carbon items are exclusive)',
    s: { date: '2024-06-01', form: 'compound', elements: 'W;C', destination: 'KOR' },
    verdict: 'no_licence_required',
  },
  {
    name: 'tungsten carbide is listed by No. 10 of 2025',
    s: { date: '2025-02-04', form: 'compound', elements: 'W;C', destination: 'KOR' },
    verdict: 'licence_required',
    has: [`${CN}-gac-2025-10`],
    not: [`${CN}-gac-2023-39`],
  },
  {
    name: 'tungsten oxide the day before No. 10 of 2025',
    s: { date: '2025-02-03', form: 'oxide', elements: 'W', destination: 'DEU' },
    verdict: 'no_licence_required',
  },
  {
    name: 'a silver alloy without tungsten is not silver-doped tungsten',
    s: { date: '2025-06-01', form: 'alloy', elements: 'Ag;Cu', destination: 'DEU' },
    verdict: 'no_licence_required',
  },
  // Technology catalogue (No. 57 of 2023).
  {
    name: 'rare-earth technology the day before the 2023 catalogue',
    s: { date: '2023-12-20', form: 'technology', elements: 'Nd', destination: 'VNM' },
    verdict: 'no_licence_required',
  },
  {
    name: 'technology ban: NdFeB preparation technology from 2023-12-21',
    s: { date: '2023-12-21', form: 'technology', elements: 'Nd', destination: 'VNM' },
    verdict: 'prohibited',
    has: ['cn-mofcom-most-2023-57:deny'],
    review: 'prohibited',
    rationale: 'RESTRICTED (licence)',
  },
  {
    name: 'technology ban holds while No. 62 is listed too (Oct 2025)',
    s: { date: '2025-10-10', form: 'technology', elements: 'Dy', destination: 'VNM' },
    verdict: 'prohibited',
    has: ['cn-mofcom-most-2023-57:deny', `${CN}-2025-62:licence`],
  },
  {
    name: 'No. 62 suspended on 2025-11-07: only the catalogue remains',
    s: { date: '2025-11-07', form: 'technology', elements: 'Dy', destination: 'VNM' },
    verdict: 'prohibited',
    not: [`${CN}-2025-62`],
  },
  // Antimony (No. 33 of 2024) and No. 46 of 2024 clause 2 (US), suspended by No. 72.
  {
    name: 'antimony oxide the day before No. 33 of 2024',
    s: { date: '2024-09-14', form: 'oxide', elements: 'Sb', destination: 'USA' },
    verdict: 'no_licence_required',
  },
  {
    name: 'antimony oxide the day No. 33 of 2024 takes effect',
    s: { date: '2024-09-15', form: 'oxide', elements: 'Sb', destination: 'USA' },
    verdict: 'licence_required',
    has: [`${CN}-gac-2024-33:licence`],
  },
  {
    name: 'antimony metal to the US: denied in principle from 2024-12-03',
    s: {
      date: '2024-12-03',
      form: 'metal',
      elements: 'Sb',
      destination: 'USA',
      end_use: 'civilian',
      end_user_type: 'civilian',
    },
    verdict: 'prohibited',
    has: [`${CN}-2024-46-art2:deny`],
    review: 'denial_in_principle',
  },
  {
    name: 'antimony metal to the US the day before No. 72 suspends clause 2',
    s: {
      date: '2025-11-08',
      form: 'metal',
      elements: 'Sb',
      destination: 'USA',
      end_use: 'civilian',
      end_user_type: 'civilian',
    },
    verdict: 'prohibited',
  },
  {
    name: 'antimony metal to the US the day No. 72 suspends clause 2',
    s: {
      date: '2025-11-09',
      form: 'metal',
      elements: 'Sb',
      destination: 'USA',
      end_use: 'civilian',
      end_user_type: 'civilian',
    },
    verdict: 'licence_required',
    not: [`${CN}-2024-46-art2`],
  },
  {
    name: 'last day of the clause 2 suspension (2026-11-27)',
    s: {
      date: '2026-11-27',
      form: 'metal',
      elements: 'Sb',
      destination: 'USA',
      end_use: 'civilian',
      end_user_type: 'civilian',
    },
    verdict: 'licence_required',
    noWarnings: true,
  },
  {
    name: 'lapsed suspension: clause 2 applies again on 2026-11-28 with a warning',
    s: {
      date: '2026-11-28',
      form: 'metal',
      elements: 'Sb',
      destination: 'USA',
      end_use: 'civilian',
      end_user_type: 'civilian',
    },
    verdict: 'prohibited',
    has: [`${CN}-2024-46-art2:deny`],
    warn: 'ended 2026-11-27 and the rulebook records no extension',
  },
  {
    name: 'graphite to the US under clause 2: stricter review',
    s: {
      date: '2025-01-10',
      form: 'compound',
      elements: 'C',
      destination: 'USA',
      end_use: 'civilian',
      end_user_type: 'civilian',
    },
    verdict: 'licence_required',
    has: [`${CN}-2024-46-art2:licence`],
    review: 'stricter',
  },
  // Medium and heavy rare earths (No. 18 of 2025).
  {
    name: 'Dy oxide the day before No. 18 of 2025',
    s: { date: '2025-04-03', form: 'oxide', elements: 'Dy', destination: 'DEU' },
    verdict: 'no_licence_required',
  },
  {
    name: 'Dy oxide the day No. 18 of 2025 takes effect',
    s: { date: '2025-04-04', form: 'oxide', elements: 'Dy', destination: 'DEU' },
    verdict: 'licence_required',
    has: [`${CN}-gac-2025-18:licence`],
    days: 45,
  },
  {
    name: 'Dy-containing NdFeB magnet to the US',
    s: {
      date: '2025-06-02',
      form: 'magnet',
      elements: 'Nd:0.29;Pr:0.01;Dy:0.04',
      destination: 'USA',
      end_use: 'civilian',
      end_user_type: 'civilian',
    },
    verdict: 'licence_required',
    has: [`${CN}-gac-2025-18:licence`],
  },
  {
    name: 'Nd-Pr-only magnet is not listed',
    s: {
      date: '2025-06-02',
      form: 'magnet',
      elements: 'Nd;Pr',
      destination: 'USA',
      end_use: 'civilian',
      end_user_type: 'civilian',
    },
    verdict: 'no_licence_required',
    rationale: 'an NdFeB magnet without Dy or Tb is not listed',
  },
  {
    name: 'a zero Dy fraction counts as absent',
    s: { date: '2025-06-02', form: 'magnet', elements: 'Nd:0.3;Dy:0', destination: 'DEU' },
    verdict: 'no_licence_required',
  },
  {
    name: 'samarium-cobalt magnet',
    s: { date: '2025-06-02', form: 'magnet', elements: 'Sm;Co', destination: 'DEU' },
    verdict: 'licence_required',
    has: [`${CN}-gac-2025-18:licence`],
  },
  {
    name: 'a cobalt magnet without samarium is not SmCo',
    s: { date: '2025-06-02', form: 'magnet', elements: 'Al;Ni;Co', destination: 'DEU' },
    verdict: 'no_licence_required',
  },
  {
    name: 'excluded deep-processed goods: rotor assembly with Dy magnets',
    s: { date: '2025-06-02', form: 'article', elements: 'Nd;Dy', destination: 'DEU' },
    verdict: 'no_licence_required',
    rationale: 'excludes deep-processed goods',
  },
  {
    name: 'samarium target identified by its reference code alone',
    s: { date: '2025-09-01', form: 'target', hs_code: '8486909110', destination: 'KOR' },
    verdict: 'licence_required',
    has: [`${CN}-gac-2025-18:licence`],
  },
  {
    name: 'yttrium compound: licensed, with the FAQ phosphor exclusion flagged',
    s: { date: '2025-09-01', form: 'compound', elements: 'Y', destination: 'KOR' },
    verdict: 'licence_required',
    warn: 'phosphors',
  },
  {
    name: 'missing fact: an oxide with neither elements nor code',
    s: { date: '2025-09-01', form: 'oxide', destination: 'KOR' },
    verdict: 'needs_review',
    missing: ['elements'],
  },
  {
    name: 'uncontrolled element: La oxide',
    s: { date: '2026-11-28', form: 'oxide', elements: 'La', destination: 'DEU' },
    verdict: 'no_licence_required',
    noWarnings: true,
  },
  {
    name: 'uncontrolled element: Ce metal',
    s: { date: '2026-11-28', form: 'metal', elements: 'Ce', destination: 'IND' },
    verdict: 'no_licence_required',
  },
  // Nos. 55-58 of 2025: effective 2025-11-08, suspended from 2025-11-07 to 2026-11-10 by No. 70.
  {
    name: 'Ho oxide on the day No. 70 suspends No. 57',
    s: { date: '2025-11-07', form: 'oxide', elements: 'Ho', destination: 'DEU' },
    verdict: 'no_licence_required',
  },
  {
    name: "Ho oxide on No. 57's effective date (already suspended)",
    s: { date: '2025-11-08', form: 'oxide', elements: 'Ho', destination: 'DEU' },
    verdict: 'no_licence_required',
  },
  {
    name: 'Ho oxide on the last day of the suspension',
    s: { date: '2026-11-10', form: 'oxide', elements: 'Ho', destination: 'DEU' },
    verdict: 'no_licence_required',
  },
  {
    name: 'Ho oxide once the suspension lapsed (warning)',
    s: { date: '2026-11-11', form: 'oxide', elements: 'Ho', destination: 'DEU' },
    verdict: 'licence_required',
    has: [`${CN}-gac-2025-57:licence`],
    warn: 'ended 2026-11-10',
  },
  {
    name: 'NCM cathode precursor after the lapse (No. 58)',
    s: { date: '2026-12-01', form: 'compound', elements: 'Ni;Co;Mn', destination: 'KOR' },
    verdict: 'licence_required',
    has: [`${CN}-gac-2025-58:licence`],
  },
  {
    name: 'a cobalt compound alone is not a cathode precursor',
    s: { date: '2026-12-01', form: 'compound', elements: 'Co', destination: 'KOR' },
    verdict: 'no_licence_required',
  },
  {
    name: 'La compound after the lapse: No. 56 raw materials flagged, no verdict change',
    s: { date: '2026-12-01', form: 'compound', elements: 'La', destination: 'KOR' },
    verdict: 'no_licence_required',
    has: [`${CN}-gac-2025-56:flag`],
    warn: 'not captured',
  },
  // No. 61 of 2025: China-origin re-exports from 2025-10-09; 0.1% and FDP rules from 2025-12-01; suspended.
  {
    name: 'China-made magnet re-exported from Viet Nam the day before No. 61',
    s: {
      date: '2025-10-08',
      exporter_country: 'VNM',
      made_in: 'CHN',
      form: 'magnet',
      elements: 'Nd;Dy',
      destination: 'USA',
      end_use: 'civilian',
      end_user_type: 'civilian',
    },
    verdict: 'no_licence_required',
  },
  {
    name: 'China-made magnet re-exported the day No. 61 takes effect',
    s: {
      date: '2025-10-09',
      exporter_country: 'VNM',
      made_in: 'CHN',
      form: 'magnet',
      elements: 'Nd;Dy',
      destination: 'USA',
      end_use: 'civilian',
      end_user_type: 'civilian',
      end_user: 'Example Drives LLC',
    },
    verdict: 'licence_required',
    has: [`${CN}-2025-61:licence`],
  },
  {
    name: 'the re-export clause is suspended from 2025-11-07',
    s: {
      date: '2025-11-07',
      exporter_country: 'VNM',
      made_in: 'CHN',
      form: 'magnet',
      elements: 'Nd;Dy',
      destination: 'USA',
      end_use: 'civilian',
      end_user_type: 'civilian',
    },
    verdict: 'no_licence_required',
  },
  {
    name: '0.1% rule never took effect in Dec 2025 (suspended)',
    s: {
      date: '2025-12-01',
      exporter_country: 'DEU',
      form: 'magnet',
      elements: 'Nd;Dy',
      destination: 'USA',
      cn_content_value_share: 0.0015,
      made_with_cn_technology: false,
    },
    verdict: 'no_licence_required',
  },
  {
    name: '0.1% rule above the threshold after the lapse',
    s: {
      date: '2026-11-11',
      exporter_country: 'DEU',
      form: 'magnet',
      elements: 'Nd;Dy',
      destination: 'USA',
      cn_content_value_share: 0.0015,
      made_with_cn_technology: false,
      end_use: 'civilian',
      end_user_type: 'civilian',
      end_user: 'Example Drives LLC',
    },
    verdict: 'licence_required',
    has: [`${CN}-2025-61:licence`],
    warn: 'ended 2026-11-10',
  },
  {
    name: '0.1% rule exactly at the threshold',
    s: {
      date: '2026-11-28',
      exporter_country: 'DEU',
      form: 'target',
      elements: 'Gd',
      destination: 'KOR',
      cn_content_value_share: 0.001,
      made_with_cn_technology: false,
    },
    verdict: 'licence_required',
    has: [`${CN}-2025-61`],
  },
  {
    name: '0.1% rule below the threshold',
    s: {
      date: '2026-11-28',
      exporter_country: 'DEU',
      form: 'magnet',
      elements: 'Nd;Dy',
      destination: 'USA',
      cn_content_value_share: 0.0009,
      made_with_cn_technology: false,
    },
    verdict: 'no_licence_required',
    rationale: 'below the 0.1% value threshold',
  },
  {
    name: '0.1% rule with the share missing',
    s: {
      date: '2026-11-28',
      exporter_country: 'DEU',
      form: 'magnet',
      elements: 'Nd;Dy',
      destination: 'USA',
      made_with_cn_technology: false,
    },
    verdict: 'needs_review',
    missing: ['cn_content_value_share'],
  },
  {
    name: 'foreign direct product rule: made with Chinese technology',
    s: {
      date: '2026-11-28',
      exporter_country: 'JPN',
      form: 'metal',
      elements: 'Dy',
      destination: 'USA',
      cn_content_value_share: 0,
      made_with_cn_technology: true,
    },
    verdict: 'licence_required',
    has: [`${CN}-2025-61:licence`],
  },
  {
    name: 'No. 61 military end use: denied',
    s: {
      date: '2026-11-28',
      exporter_country: 'DEU',
      form: 'magnet',
      elements: 'Sm;Co',
      destination: 'USA',
      cn_content_value_share: 0.01,
      made_with_cn_technology: false,
      end_use: 'military',
    },
    verdict: 'prohibited',
    has: [`${CN}-2025-61:deny`],
  },
  {
    name: 'No. 61 advanced chips: case by case',
    s: {
      date: '2026-11-28',
      exporter_country: 'KOR',
      form: 'target',
      elements: 'Sc',
      destination: 'TWN',
      cn_content_value_share: 0.01,
      made_with_cn_technology: false,
      end_use: 'advanced_chips',
      end_user_type: 'civilian',
      end_user: 'Example Fab Ltd',
    },
    verdict: 'licence_required',
    has: [`${CN}-2025-61:case_by_case`],
    review: 'case_by_case',
  },
  {
    name: 'No. 61 emergency medical use: exempt',
    s: {
      date: '2026-11-28',
      exporter_country: 'DEU',
      form: 'article',
      elements: 'Nd;Dy',
      destination: 'IND',
      cn_content_value_share: 0.002,
      made_with_cn_technology: false,
      end_use: 'medical_emergency',
      end_user_type: 'civilian',
      end_user: 'Example Hospital',
    },
    verdict: 'no_licence_required',
    has: [`${CN}-2025-61:exempt`],
  },
  {
    name: 'foreign-made Nd-Pr magnet has no Part I content',
    s: {
      date: '2026-11-28',
      exporter_country: 'DEU',
      form: 'magnet',
      elements: 'Nd;Pr',
      destination: 'USA',
      cn_content_value_share: 0.01,
      made_with_cn_technology: true,
    },
    verdict: 'no_licence_required',
  },
  // No. 46 of 2024 clause 1 (US military) and the Dual-Use Regulations (WMD, catch-all).
  {
    name: 'Dy oxide to a US military user: prohibited',
    s: {
      date: '2025-06-01',
      form: 'oxide',
      elements: 'Dy',
      destination: 'USA',
      end_user_type: 'military',
    },
    verdict: 'prohibited',
    has: [`${CN}-2024-46-art1:deny`],
  },
  {
    name: 'Dy oxide to the US with end use unknown: the missing facts are named',
    s: { date: '2025-06-01', form: 'oxide', elements: 'Dy', destination: 'USA' },
    verdict: 'licence_required',
    has: [`${CN}-2024-46-art1:review`],
    missing: ['end_use', 'end_user_type'],
  },
  {
    name: 'China-made magnet re-exported from Mexico to US military use',
    s: {
      date: '2025-06-01',
      exporter_country: 'MEX',
      made_in: 'CHN',
      form: 'magnet',
      elements: 'Nd;Tb',
      destination: 'USA',
      end_use: 'military',
    },
    verdict: 'prohibited',
    has: [`${CN}-2024-46-art1:deny`],
  },
  {
    name: 'Y oxide for a WMD end use: denied',
    s: { date: '2025-05-05', form: 'oxide', elements: 'Y', destination: 'KOR', end_use: 'wmd' },
    verdict: 'prohibited',
    has: ['cn-sc-2024-792:deny'],
  },
  {
    name: 'unlisted La oxide for a military end use: catch-all licence',
    s: {
      date: '2025-05-05',
      form: 'oxide',
      elements: 'La',
      destination: 'DEU',
      end_use: 'military',
    },
    verdict: 'licence_required',
    has: ['cn-sc-2024-792:licence'],
  },
  {
    name: 'unlisted La oxide with end use unknown: the catch-all is knowledge-based',
    s: { date: '2025-05-05', form: 'oxide', elements: 'La', destination: 'DEU' },
    verdict: 'no_licence_required',
  },
  // Japan: No. 1 of 2026, the reported review slowdown (low confidence) and the entity lists.
  {
    name: 'Japan military ban the day before No. 1 of 2026',
    s: {
      date: '2026-01-05',
      form: 'oxide',
      elements: 'Dy',
      destination: 'JPN',
      end_use: 'military',
    },
    verdict: 'licence_required',
    not: [`${CN}-2026-1`],
  },
  {
    name: 'Japan military ban: Dy oxide to a military end use',
    s: {
      date: '2026-01-06',
      form: 'oxide',
      elements: 'Dy',
      destination: 'JPN',
      end_use: 'military',
    },
    verdict: 'prohibited',
    has: [`${CN}-2026-1:deny`],
  },
  {
    name: 'Japan catch-all: unlisted La oxide enhancing military capability',
    s: {
      date: '2026-02-01',
      form: 'oxide',
      elements: 'La',
      destination: 'JPN',
      end_use: 'military_capability',
    },
    verdict: 'prohibited',
    has: [`${CN}-2026-1:deny`],
  },
  {
    name: 'low confidence: Japan review slowdown flagged with its open questions',
    s: {
      date: '2026-02-01',
      form: 'magnet',
      elements: 'Nd;Dy',
      destination: 'JPN',
      end_use: 'civilian',
      end_user_type: 'civilian',
      end_user: 'Example Denki K.K.',
    },
    verdict: 'licence_required',
    has: ['cn-2026-japan-re-licence-review:flag'],
    warn: 'low confidence',
  },
  {
    name: 'watch list: TDK with a legal suffix, individual licence, no time limit',
    s: {
      date: '2026-02-24',
      form: 'magnet',
      elements: 'Nd;Dy',
      destination: 'JPN',
      end_user: 'TDK Corp.',
      end_use: 'civilian',
      end_user_type: 'civilian',
    },
    verdict: 'licence_required',
    has: [`${CN}-2026-02-24-watchlist:licence`],
    review: 'individual_no_time_limit',
    days: null,
  },
  {
    name: 'watch list: the day before TDK was listed',
    s: {
      date: '2026-02-23',
      form: 'magnet',
      elements: 'Nd;Dy',
      destination: 'JPN',
      end_user: 'TDK Corp.',
      end_use: 'civilian',
      end_user_type: 'civilian',
    },
    verdict: 'licence_required',
    not: [`${CN}-2026-02-24-watchlist`],
    days: 45,
  },
  {
    name: 'watch list: full-width name with the Japanese legal form',
    s: {
      date: '2026-03-01',
      form: 'oxide',
      elements: 'Dy',
      destination: 'JPN',
      end_user: 'ＴＤＫ株式会社',
      end_use: 'civilian',
      end_user_type: 'civilian',
    },
    verdict: 'licence_required',
    has: [`${CN}-2026-02-24-watchlist:licence`],
  },
  {
    name: 'watch list: near match names the candidate for review',
    s: {
      date: '2026-03-01',
      form: 'oxide',
      elements: 'Dy',
      destination: 'JPN',
      end_user: 'Hino Motor Ltd',
      end_use: 'civilian',
      end_user_type: 'civilian',
    },
    verdict: 'licence_required',
    has: [`${CN}-2026-02-24-watchlist:review`],
    warn: '"Hino Motors"',
    missing: ['end_user'],
  },
  {
    name: 'watch list: military use by a listed entity is denied',
    s: {
      date: '2026-03-01',
      form: 'oxide',
      elements: 'Dy',
      destination: 'JPN',
      end_user: 'Nitto Denko K.K.',
      end_use: 'military',
    },
    verdict: 'prohibited',
    has: [`${CN}-2026-02-24-watchlist:deny`],
  },
  {
    name: 'control list: MHI alias with a legal suffix',
    s: {
      date: '2026-03-01',
      form: 'magnet',
      elements: 'Nd;Tb',
      destination: 'JPN',
      end_user: 'Mitsubishi Heavy Industries Aero Engines, Ltd.',
      end_use: 'civilian',
      end_user_type: 'civilian',
    },
    verdict: 'prohibited',
    has: [`${CN}-2026-11:deny`],
  },
  {
    name: 'control list: a group whose subsidiaries are listed (June 2026) is a candidate',
    s: {
      date: '2026-07-01',
      form: 'oxide',
      elements: 'Gd',
      destination: 'JPN',
      end_user: 'Mitsubishi Electric Defense Systems',
      end_use: 'civilian',
      end_user_type: 'civilian',
    },
    verdict: 'licence_required',
    has: [`${CN}-2026-06-29-control-list:review`],
    missing: ['end_user'],
  },
  {
    name: 'control list: the June batch does not exist the day before',
    s: {
      date: '2026-06-28',
      form: 'oxide',
      elements: 'Gd',
      destination: 'JPN',
      end_user: 'Mitsubishi Electric Defense Systems',
      end_use: 'civilian',
      end_user_type: 'civilian',
    },
    verdict: 'licence_required',
    not: [`${CN}-2026-06-29-control-list`],
  },
  {
    name: 'listed entity but a different destination: review, not a silent pass',
    s: {
      date: '2026-03-01',
      form: 'oxide',
      elements: 'Dy',
      destination: 'USA',
      end_user: 'TDK Corporation',
      end_use: 'civilian',
      end_user_type: 'civilian',
    },
    verdict: 'licence_required',
    has: [`${CN}-2026-02-24-watchlist:review`],
    warn: 'destination differs',
  },
  {
    name: 'control list near match on a re-export: needs review, the candidate named',
    s: {
      date: '2026-03-02',
      exporter_country: 'VNM',
      made_in: 'CHN',
      form: 'magnet',
      elements: 'Nd;Dy',
      destination: 'JPN',
      end_user: 'MHI Aero Engine Co.',
      end_use: 'civilian',
      end_user_type: 'civilian',
    },
    verdict: 'needs_review',
    has: [`${CN}-2026-11:review`],
    missing: ['end_user'],
    warn: '"MHI Aero Engines"',
  },
  // General licences and destinations.
  {
    name: 'general licences noted from 2025-12-04',
    s: { date: '2025-12-04', form: 'magnet', elements: 'Nd;Dy', destination: 'DEU' },
    verdict: 'licence_required',
    has: [`${CN}-2025-general-licences:note`],
  },
  {
    name: 'general licences not noted the day before',
    s: { date: '2025-12-03', form: 'magnet', elements: 'Nd;Dy', destination: 'DEU' },
    verdict: 'licence_required',
    not: [`${CN}-2025-general-licences`],
  },
  {
    name: 'a shipment into China is not a Chinese export',
    s: {
      date: '2026-11-28',
      exporter_country: 'VNM',
      made_in: 'CHN',
      form: 'magnet',
      elements: 'Nd;Dy',
      destination: 'CHN',
    },
    verdict: 'no_licence_required',
  },
]

describe(`licence determinations from the measure texts (${c.length} cases, rulebook ${rb.version})`, () => {
  it.each(c)('$name', (t) => {
    const s = shipmentSchema.parse({ id: t.name, ...t.s })
    const d = determine(rb, s, t.asOf)
    expect(d.verdict).toBe(t.verdict)
    const listed = d.measures.map((m) => `${m.id}:${m.effect}`)
    for (const h of t.has ?? []) {
      if (h.includes(':', h.indexOf('-'))) expect(listed).toContain(h)
      else expect(d.measures.map((m) => m.id)).toContain(h)
    }
    for (const n of t.not ?? []) expect(d.measures.map((m) => m.id)).not.toContain(n)
    if (t.warn) expect(d.warnings.join('\n')).toContain(t.warn)
    if (t.noWarnings) expect(d.warnings).toEqual([])
    if (t.rationale) expect(d.rationale.join('\n')).toContain(t.rationale)
    if (t.missing) expect(d.missing_facts).toEqual(t.missing)
    if (t.review !== undefined) expect(d.review).toBe(t.review)
    if (t.days !== undefined) expect(d.expected_review_working_days).toBe(t.days)
    expect(d.rulebook_version).toBe(rb.version)
    expect(d.as_of).toBe(t.asOf ?? s.date)
    // Every hit cites a source of its own measure.
    for (const m of d.measures) {
      const measure = rb.byId.get(m.id)?.measure
      expect(measure?.sources.map((x) => x.url)).toContain(m.source_url)
    }
  })

  it('the as-of date overrides the shipment date', () => {
    const s = shipmentSchema.parse({
      id: 'x',
      date: '2025-01-01',
      form: 'oxide',
      elements: 'Dy',
      destination: 'DEU',
    })
    expect(determine(rb, s).verdict).toBe('no_licence_required')
    const d = determine(rb, s, '2025-04-04')
    expect(d.verdict).toBe('licence_required')
    expect(d.as_of).toBe('2025-04-04')
  })
})
