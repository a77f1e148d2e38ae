import { Page } from '../components/Page'
import { NotAvailable } from '../components/States'

export default function Respond() {
  return (
    <Page title="Respond" intro="">
      <NotAvailable what="Respond" />
    </Page>
  )
}
