/** Respond: diversify supply (optimiser), price a floor, and see which projects a floor would make viable. */
import { useState } from 'react'
import { Page, Section } from '../components/Page'
import { Requires } from '../components/Requires'
import { FloorCalculator } from './respond/FloorCalculator'
import { Optimize } from './respond/Optimize'
import { Viability } from './respond/Viability'

export default function Respond() {
  const [viabilityFloor, setViabilityFloor] = useState<number | null>(null)
  return (
    <Page
      title="Respond"
      intro="What can be done about it: the least-cost supply mix for a level of security, what a price floor would cost, and which projects outside China a floor would make viable."
    >
      <Section title="Diversify supply" id="optimize">
        <Requires route="POST /api/optimize" what="The diversification optimiser">
          <Optimize />
        </Requires>
      </Section>
      <Section title="Price-floor calculator" id="floor">
        <Requires route="GET /api/floor" what="The price-floor valuation">
          <FloorCalculator />
        </Requires>
      </Section>
      <Section
        title="Project viability"
        id="viability"
        aside={
          <div className="field no-print">
            <label htmlFor="viability-floor">Floor applied to projects (USD/kg)</label>
            <select
              id="viability-floor"
              value={viabilityFloor ?? ''}
              onChange={(e) =>
                setViabilityFloor(e.target.value === '' ? null : Number(e.target.value))
              }
            >
              <option value="">none (break-even only)</option>
              <option value="110">110 (DoD–MP floor)</option>
            </select>
          </div>
        }
      >
        <Requires route="GET /api/projects/viability" what="Project viability">
          <Viability floor={viabilityFloor} />
        </Requires>
      </Section>
    </Page>
  )
}
