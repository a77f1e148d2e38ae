import { Page } from '../components/Page'
import { NotAvailable } from '../components/States'

export default function Controls() {
  return (
    <Page title="Controls" intro="">
      <NotAvailable what="Controls" />
    </Page>
  )
}
