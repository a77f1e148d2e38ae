/** Source links: every figure can lead to the public pages it came from. */
import { sourceHost } from '../lib/format'

export function SourceLinks({
  urls,
  label = 'Sources',
}: {
  urls: readonly string[]
  label?: string
}) {
  const unique = [...new Set(urls.filter((u) => u))]
  if (unique.length === 0) return <span className="muted">no source recorded</span>
  return (
    <span className="sources">
      <span className="visually-hidden">{label}: </span>
      {unique.map((u) => (
        <a key={u} href={u} target="_blank" rel="noopener noreferrer" title={u}>
          {sourceHost(u)}
        </a>
      ))}
    </span>
  )
}
