import type { AnchorHTMLAttributes, MouseEvent } from 'react'
import { navigate } from '../lib/router'

/** An in-app link: a real anchor (middle-click, copy address) that navigates without a reload. */
export function Link(props: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const { href, onClick, ...rest } = props
  function handle(e: MouseEvent<HTMLAnchorElement>): void {
    onClick?.(e)
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey)
      return
    e.preventDefault()
    navigate(href)
    window.scrollTo(0, 0)
  }
  return <a href={href} onClick={handle} {...rest} />
}
