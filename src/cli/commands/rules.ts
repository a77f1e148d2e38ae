/** `chokepoint rules list|show ID|timeline|stale|diff OLD NEW`: the export-control rulebook, by date. */
import type { Command } from 'commander'
import {
  diffRulebookFiles,
  listRules,
  showRule,
  staleRules,
  timeline,
} from '../../services/controls'
import { nowIso, outputFormat, readDb } from '../context'
import { print } from '../output'

const today = (): string => nowIso().slice(0, 10)

export function registerRules(program: Command): void {
  const rules = program
    .command('rules')
    .description('the export-control rulebook: measures, their dates, suspensions and staleness')
  rules
    .command('list')
    .description('every measure with its state on the as-of date')
    .option('--as-of <date>', 'date to evaluate states on (default: today)')
    .action(async (opts: { asOf?: string }, cmd: Command) => {
      const r = await readDb(cmd, (db) => listRules(db, opts.asOf ?? today()))
      print(r, {
        format: outputFormat(cmd),
        heading: `rulebook ${r.rulebook_version}, states as of ${r.as_of}`,
        tableRows: r.rules,
        columns: ['id', 'jurisdiction', 'role', 'effective', 'state', 'state_note', 'confidence'],
      })
    })
  rules
    .command('show <id>')
    .description('one measure: record, operative conditions, suspensions, state')
    .option('--as-of <date>', 'date to evaluate the state on (default: today)')
    .action(async (id: string, opts: { asOf?: string }, cmd: Command) => {
      const r = await readDb(cmd, (db) => showRule(db, id, opts.asOf ?? today()))
      const m = r.measure
      print(r, {
        format: outputFormat(cmd),
        heading: [
          `${m.id}: ${m.title}`,
          `${m.instrument} (${m.jurisdiction}; ${m.kind}; confidence ${m.confidence})`,
          `effective ${m.effective ?? 'not recorded'}; state on ${r.as_of}: ${r.state}${r.state_note ? ` (${r.state_note})` : ''}`,
          `role: ${r.role}${r.operative_derived ? ' (derived from general fields)' : ''} — ${r.operative.note}`,
          `summary: ${m.summary}`,
          ...(m.open_questions ? [`open questions: ${m.open_questions}`] : []),
          `sources: ${m.sources.map((s) => s.url).join(' ')}`,
        ].join('\n'),
        tableRows: r.rules,
        columns: ['id', 'effect', 'modifier', 'from', 'reason'],
      })
    })
  rules
    .command('timeline')
    .description('dated events: announced, effective, phased starts, suspensions, lapses')
    .option('--element <symbol>', 'only measures concerning this element (e.g. Dy)')
    .option('--jurisdiction <code>', 'only measures of this jurisdiction (e.g. CN)')
    .option('--as-of <date>', 'marks suspensions that ended before this date (default: today)')
    .action(
      async (opts: { element?: string; jurisdiction?: string; asOf?: string }, cmd: Command) => {
        const r = await readDb(cmd, (db) =>
          timeline(db, {
            element: opts.element,
            jurisdiction: opts.jurisdiction,
            asOf: opts.asOf ?? today(),
          })
        )
        print(r, {
          format: outputFormat(cmd),
          heading: `rulebook ${r.rulebook_version}, as of ${r.as_of}`,
          tableRows: r.events,
          columns: ['date', 'measure_id', 'event', 'detail'],
        })
      }
    )
  rules
    .command('stale')
    .description(
      'lapsed suspensions, low-confidence measures, sources older than a year, partial lists'
    )
    .option('--as-of <date>', 'date to judge staleness on (default: today)')
    .action(async (opts: { asOf?: string }, cmd: Command) => {
      const r = await readDb(cmd, (db) => staleRules(db, opts.asOf ?? today()))
      print(r, {
        format: outputFormat(cmd),
        heading: `rulebook ${r.rulebook_version}, as of ${r.as_of}: ${r.findings.length} findings`,
        tableRows: r.findings,
        columns: ['measure_id', 'reason', 'detail'],
      })
    })
  rules
    .command('diff <old> <new>')
    .description(
      'added, removed and changed measures between two rulebook (or overlay) files; "current" = stored'
    )
    .action(async (oldPath: string, newPath: string, _opts: unknown, cmd: Command) => {
      const usesDb = oldPath === 'current' || newPath === 'current'
      const r = usesDb
        ? await readDb(cmd, (db) => diffRulebookFiles(db, oldPath, newPath))
        : await diffRulebookFiles(null, oldPath, newPath)
      print(r, {
        format: outputFormat(cmd),
        heading: `${r.old_version} → ${r.new_version}: ${r.added.length} added, ${r.removed.length} removed, ${r.changed.length} changed`,
        tableRows: [
          ...r.added.map((a) => ({ change: 'added', id: a.id, detail: a.title })),
          ...r.removed.map((a) => ({ change: 'removed', id: a.id, detail: a.title })),
          ...r.changed.map((c) => ({
            change: 'changed',
            id: c.id,
            detail: c.fields.map((f) => f.field).join(', '),
          })),
        ],
        columns: ['change', 'id', 'detail'],
      })
    })
}
