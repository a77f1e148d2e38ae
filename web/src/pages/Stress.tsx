import { Page } from '../components/Page'
import { NotAvailable } from '../components/States'

export default function Stress() {
  return (
    <Page title="Stress" intro="">
      <NotAvailable what="Stress" />
    </Page>
  )
}
