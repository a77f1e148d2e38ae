import { useEffect } from 'react'

/** Sets the document title for the page (read by screen readers on navigation). */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Chokepoint`
  }, [title])
}
