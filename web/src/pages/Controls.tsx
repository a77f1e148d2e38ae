/** Controls: the rulebook's measures over time, and licence checks for one shipment or a file of them. */
import { Page, Section } from '../components/Page'
import { Requires } from '../components/Requires'
import { BatchCheck } from './controls/BatchCheck'
import { LicenceForm } from './controls/LicenceForm'
import { MeasuresTimeline } from './controls/MeasuresTimeline'

export default function Controls() {
  return (
    <Page
      title="Controls"
      intro="China’s export controls on rare earths and related items, and measures elsewhere: when each applied, what suspended it, and whether a shipment needs a licence today."
    >
      <Section title="Measures over time" id="timeline">
        <Requires route="GET /api/rules/timeline" what="The rulebook timeline">
          <MeasuresTimeline />
        </Requires>
      </Section>
      <Section title="Licence check" id="licence">
        <Requires route="POST /api/licence/determinations" what="Licence determinations">
          <LicenceForm />
        </Requires>
      </Section>
      <Section title="Batch check" id="batch">
        <Requires route="POST /api/licence/determinations" what="Licence determinations">
          <BatchCheck />
        </Requires>
      </Section>
    </Page>
  )
}
