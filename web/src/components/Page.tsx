import { useEffect, useRef, type ReactNode } from 'react'
import { hasNavigated } from '../lib/router'
import { useTitle } from '../lib/useTitle'

/**
 * A page: its heading and intro. After an in-app navigation the heading takes the focus, so keyboard and
 * screen-reader users start at the new page; on the first load the focus stays at the top (skip link first).
 */
export function Page(props: {
  title: string
  intro: ReactNode
  actions?: ReactNode
  children: ReactNode
}) {
  useTitle(props.title)
  const h1 = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    if (hasNavigated()) h1.current?.focus({ preventScroll: true })
  }, [])
  return (
    <article className="page">
      <header className="page-head">
        <div>
          <h1 ref={h1} tabIndex={-1}>
            {props.title}
          </h1>
          <p className="page-intro">{props.intro}</p>
        </div>
        {props.actions ? <div className="page-actions no-print">{props.actions}</div> : null}
      </header>
      {props.children}
    </article>
  )
}

/** A titled section of a page. */
export function Section(props: {
  title: string
  id?: string
  children: ReactNode
  aside?: ReactNode
}) {
  const id = props.id ?? props.title.toLowerCase().replace(/[^a-z0-9]+/g, '-')
  return (
    <section className="section" aria-labelledby={`h-${id}`}>
      <div className="section-head">
        <h2 id={`h-${id}`}>{props.title}</h2>
        {props.aside}
      </div>
      {props.children}
    </section>
  )
}
