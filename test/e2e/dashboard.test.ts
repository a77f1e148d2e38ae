/**
 * The dashboard in a real browser (Debian's Chromium through playwright-core) against a real server on a fresh
 * database holding the shipped data: every page opens and shows figures from the API, and every form works end to
 * end. Screenshots go to test-results/.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Download, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  browserMissing,
  ensureWebBuild,
  launchBrowser,
  ROOT,
  screenshot,
  SKIP_REASON,
  startServer,
  type TestBrowser,
  type TestServer,
} from './harness'

if (browserMissing) console.warn(`skipping browser tests: ${SKIP_REASON}`)

async function downloadText(d: Download): Promise<Buffer> {
  const path = await d.path()
  return readFileSync(path)
}

describe.skipIf(browserMissing)('dashboard in Chromium', { timeout: 90_000 }, () => {
  let server: TestServer
  let browser: TestBrowser
  let page: Page

  beforeAll(async () => {
    ensureWebBuild()
    server = await startServer()
    browser = await launchBrowser()
    page = browser.page
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  const open = async (path: string): Promise<void> => {
    await page.goto(`${server.url}${path}`)
  }

  it('Overview: latest release, a drawn chart, and May 2025 world magnets at 1,238 t', async () => {
    await open('/')
    const magnets = page.getByTestId('kpi-magnets')
    await expect.poll(() => magnets.textContent(), { timeout: 15_000 }).toMatch(/\d t/)
    await page.waitForSelector('.chart-canvas[data-rendered="true"]', { timeout: 15_000 })
    await page.getByLabel('Release month').selectOption('2025-05')
    await expect.poll(() => magnets.textContent()).toContain('May 2025')
    const text = (await magnets.textContent()) ?? ''
    expect(text).toContain('1,238 t')
    // 1,238 t after 2,628 t in April 2025; May 2024 is not reported, so there is no YoY to show.
    expect(text).toMatch(/MoM\s*\u221252\.9%/)
    expect(text).toMatch(/YoY\s*—/)
    expect(page.url()).toContain('month=2025-05')
    // The figure leads to its sources.
    expect(await magnets.getByRole('link').getAttribute('href')).toBe(
      '/data?product=magnets&partner=WLD&period=2025-05#h-trade-sources'
    )
    // Throttling assessment of that month: the partners the customs release named.
    const throttling = page.getByTestId('throttling-table')
    await expect.poll(() => throttling.locator('tbody tr').count()).toBeGreaterThan(0)
    expect(await throttling.textContent()).toContain('Germany')
    // Rule changes and stale warnings come from the rulebook.
    await page.getByTestId('rule-changes').waitFor()
    await screenshot(page, 'overview')
  })

  it('Destinations: map coloured by share, partner table, keyboard drill-down to actual vs expected', async () => {
    await open('/destinations?product=magnets&month=2025-05')
    const table = page.getByTestId('partners-table')
    await table.waitFor({ timeout: 15_000 })
    const rows = await table.locator('tbody tr').allTextContents()
    expect(rows.some((r) => r.includes('Germany') && r.includes('209'))).toBe(true)
    // Every reported country (not aggregates) is a focusable shape on the map.
    const shapes = page.locator('path.country.has-data')
    expect(await shapes.count()).toBe(rows.length)
    const germany = page.locator('path.country[data-iso3="DEU"]')
    await germany.focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => page.url()).toContain('partner=DEU')
    const drill = page.getByTestId('drilldown')
    await drill.locator('.chart-canvas[data-rendered="true"]').waitFor({ timeout: 15_000 })
    // The history table arrives by its own request, possibly after the chart.
    await expect
      .poll(() => drill.textContent(), { timeout: 15_000 })
      .toContain('Throttling history')
    await page.getByRole('button', { name: 'Deviation', exact: true }).click()
    await expect.poll(() => page.url()).toContain('by=deviation')
    await screenshot(page, 'destinations')
  })

  it('Data: datasets with coverage, and the sources that disagree on magnets to Japan in December 2025', async () => {
    await open('/data?product=magnets&partner=JPN&period=2025-12')
    const datasets = page.getByTestId('datasets-table')
    await datasets.waitFor({ timeout: 15_000 })
    expect(await datasets.textContent()).toContain('china_re_exports_monthly.csv')
    const sources = page.getByTestId('sources-table')
    await sources.waitFor({ timeout: 15_000 })
    const text = (await sources.textContent()) ?? ''
    // 280 t (Reuters et al.) against 411.3 t from one outlet, flagged when the data were compiled.
    expect(text).toContain('280')
    expect(text).toContain('411.3')
    expect(text).toContain('disagree')
    expect(await sources.locator('a[href^="http"]').count()).toBeGreaterThan(1)
    await page.getByTestId('coverage-table').waitFor()
    await screenshot(page, 'data')
  })

  it('Controls: the measure timeline, and a licence check through the form', async () => {
    await open('/controls')
    const timeline = page.getByTestId('measures-timeline')
    await timeline.waitFor({ timeout: 15_000 })
    expect(await timeline.locator('.timeline-bar').count()).toBeGreaterThan(5)
    await page.getByLabel('Element', { exact: true }).selectOption('Dy')
    await expect.poll(() => page.url()).toContain('element=Dy')
    await page.getByLabel('Export date').fill('2025-06-01')
    await page.getByLabel('Form', { exact: true }).selectOption('magnet')
    await page.getByLabel('Elements', { exact: true }).fill('Nd;Pr;Dy')
    await page.getByLabel('Destination (ISO3)').fill('USA')
    await page.getByLabel('End-user type').selectOption('civilian')
    await page.getByLabel('End use', { exact: true }).selectOption('civilian')
    await page.getByRole('button', { name: 'Check licence' }).click()
    const d = page.getByTestId('determination')
    await d.waitFor({ timeout: 15_000 })
    const text = (await d.textContent()) ?? ''
    // Announcement No. 18 of 2025 listed Dy-bearing NdFeB magnets from 4 April 2025.
    expect(text).toContain('Licence required')
    expect(text).toContain('cn-mofcom-gac-2025-18')
    expect(await d.locator('a[href^="http"]').count()).toBeGreaterThan(0)
    await screenshot(page, 'controls')
  })

  it('Controls: a batch check of the example shipments file', async () => {
    await open('/controls')
    const rows =
      readFileSync(join(ROOT, 'examples/shipments.csv'), 'utf8').trim().split('\n').length - 1
    await page.getByTestId('licence-file').setInputFiles(join(ROOT, 'examples/shipments.csv'))
    await page.getByRole('button', { name: 'Check every shipment' }).click()
    const table = page.getByTestId('batch-table')
    await table.waitFor({ timeout: 15_000 })
    const shown = await table.locator('tbody tr').count()
    const errors = await page.getByText('Rows that are not valid').count()
    expect(shown + (errors > 0 ? 0 : 0)).toBeGreaterThan(0)
    expect(shown).toBeLessThanOrEqual(rows)
    expect(await table.locator('[data-verdict]').count()).toBe(shown)
  })

  it('Exposure: upload the example BOM and trace its rare earths', async () => {
    await open('/exposure')
    await page.getByTestId('bom-file').setInputFiles(join(ROOT, 'examples/ev-traction-motor.csv'))
    await page.getByTestId('bom-loaded').waitFor()
    await page.getByRole('button', { name: 'Analyse exposure' }).click()
    const result = page.getByTestId('exposure-result')
    await result.waitFor({ timeout: 30_000 })
    // examples/README.md hand check: 21,975 kg Nd and 2,200 kg Dy a year.
    const elements = (await page.getByTestId('elements-table').textContent()) ?? ''
    expect(elements).toContain('21,975')
    expect(elements).toContain('2,200')
    await result.locator('.chart-canvas[data-rendered="true"]').waitFor({ timeout: 15_000 })
    expect(await page.getByTestId('parts-table').locator('[data-verdict]').count()).toBeGreaterThan(
      0
    )
    await screenshot(page, 'exposure')
  })

  it('Stress: run a small example scenario to completion with progress', async () => {
    await open('/stress')
    await page.getByLabel('Example scenario').selectOption('eu-motor-2025-licensing.yaml')
    await expect.poll(() => page.locator('#sc-text').inputValue()).toContain('horizon_days')
    await page.getByLabel('Runs', { exact: true }).fill('300')
    await page.getByRole('button', { name: 'Run scenario' }).click()
    const result = page.getByTestId('simulation-result')
    await result.waitFor({ timeout: 60_000 })
    expect(await page.getByTestId('stockout-probability').textContent()).toMatch(/^\d+\.\d%$/)
    expect(await result.textContent()).toContain('300 runs')
    await expect
      .poll(() => result.locator('.chart-canvas[data-rendered="true"]').count(), {
        timeout: 15_000,
      })
      .toBe(3)
    await screenshot(page, 'stress')
  })

  it('Stress: an invalid scenario is refused with the server’s message', async () => {
    await open('/stress')
    await page.locator('#sc-text').fill('name: broken\nhorizon_days: -1\n')
    const before = browser.errors.length
    const refused = page.waitForResponse((r) => r.url().endsWith('/api/simulations'))
    await page.getByRole('button', { name: 'Run scenario' }).click()
    expect((await refused).status()).toBe(400)
    const alert = page.getByRole('alert')
    await alert.waitFor({ timeout: 15_000 })
    expect(await alert.textContent()).toContain('Could not load the simulation')
    // The refused request is logged by the browser (console) and by the harness (response); both expected here.
    await expect.poll(() => browser.errors.length - before).toBe(2)
    const logged = browser.errors.splice(before)
    expect(logged.every((e) => e.includes('400'))).toBe(true)
  })

  it('Respond: solve an example model, price the DoD–MP floor, list project viability', async () => {
    await open('/respond')
    await page.getByLabel('Example model').selectOption('eu-magnet-buyer.yaml')
    await page.getByRole('button', { name: 'Solve' }).click()
    const allocation = page.getByTestId('allocation-table')
    await allocation.waitFor({ timeout: 30_000 })
    expect(await allocation.locator('tbody tr').count()).toBeGreaterThan(0)
    await expect
      .poll(() => page.getByTestId('floor-expected').textContent(), { timeout: 30_000 })
      .toMatch(/^USD [\d.]+(m|bn)$/)
    const viability = page.getByTestId('viability-table')
    await viability.waitFor({ timeout: 30_000 })
    expect(await viability.locator('tbody tr').count()).toBeGreaterThan(0)
    await screenshot(page, 'respond')
  })

  it('tables export CSV with formula cells neutralised, charts export PNG', async () => {
    await open('/data?product=magnets&partner=JPN')
    const sources = page.getByTestId('sources-table')
    await sources.waitFor({ timeout: 15_000 })
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      sources.getByRole('button', { name: /Download CSV/ }).click(),
    ])
    const text = (await downloadText(csv)).toString('utf8')
    expect(csv.suggestedFilename()).toMatch(/\.csv$/)
    expect(text.split('\r\n')[0]).toContain('Quantity (t)')
    expect(text).toContain('JPN')
    // No cell may start with a formula character unless neutralised with an apostrophe.
    for (const line of text.split('\r\n'))
      for (const cell of line.split(',')) expect(cell).not.toMatch(/^"?[=+@]/)
    await open('/')
    await page.waitForSelector('.chart-canvas[data-rendered="true"]', { timeout: 15_000 })
    const [png] = await Promise.all([
      page.waitForEvent('download'),
      page
        .getByRole('button', { name: /Download PNG/ })
        .first()
        .click(),
    ])
    const bytes = await downloadText(png)
    expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a')
  })

  it('keyboard: skip link first, pages reachable from the navigation, headings focused on arrival', async () => {
    await open('/')
    // Wait for the app to be drawn (and its focus handling settled) before the first key press.
    await page.getByRole('link', { name: 'Skip to content' }).waitFor({ state: 'attached' })
    await page.waitForSelector('.chart-canvas[data-rendered="true"]', { timeout: 15_000 })
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content')
    await page.keyboard.press('Enter')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main')
    const nav = page.getByRole('navigation', { name: 'Pages' })
    await nav.getByRole('link', { name: 'Data' }).focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => page.url()).toMatch(/\/data$/)
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1')
    expect(await nav.getByRole('link', { name: 'Data' }).getAttribute('aria-current')).toBe('page')
  })

  it('every form control has a label', async () => {
    for (const path of [
      '/',
      '/destinations',
      '/controls',
      '/exposure',
      '/stress',
      '/respond',
      '/data',
    ]) {
      await open(path)
      await page.waitForLoadState('networkidle')
      const unlabelled = await page.evaluate(() =>
        [...document.querySelectorAll('input, select, textarea')]
          .filter((el) => {
            const id = el.getAttribute('id')
            const byFor = id ? document.querySelector(`label[for="${CSS.escape(id)}"]`) : null
            return (
              !byFor &&
              !el.closest('label') &&
              !el.getAttribute('aria-label') &&
              !el.getAttribute('aria-labelledby')
            )
          })
          .map((el) => el.outerHTML.slice(0, 80))
      )
      expect(unlabelled, path).toEqual([])
    }
  })

  it('a capability missing from the server shows the designed "not available" state', async () => {
    // An older server: its OpenAPI document lacks the rulebook routes.
    await page.route('**/api/openapi.json', async (route) => {
      const res = await route.fetch()
      const doc = (await res.json()) as { paths: Record<string, unknown> }
      for (const p of Object.keys(doc.paths))
        if (p.startsWith('/api/rules') || p.startsWith('/api/licence')) delete doc.paths[p]
      await route.fulfill({ response: res, json: doc })
    })
    try {
      await page.goto(`${server.url}/controls`)
      const states = page.getByTestId('not-available')
      await expect.poll(() => states.count(), { timeout: 15_000 }).toBe(3)
      expect(await states.first().textContent()).toContain('not available on this server')
      await screenshot(page, 'not-available')
    } finally {
      await page.unroute('**/api/openapi.json')
    }
  })

  it('unknown pages say so; the print stylesheet hides the navigation', async () => {
    await open('/no-such-page')
    await page.getByRole('heading', { name: 'Page not found' }).waitFor()
    await open('/')
    await page.waitForSelector('.chart-canvas[data-rendered="true"]', { timeout: 15_000 })
    await page.emulateMedia({ media: 'print' })
    expect(await page.locator('.topbar').isVisible()).toBe(false)
    expect(await page.locator('.print-header').isVisible()).toBe(true)
    await screenshot(page, 'overview-print')
    await page.emulateMedia({ media: 'screen' })
  })

  it('no page logged an error', () => {
    expect(browser.errors).toEqual([])
  })
})
