/**
 * Renders abstract/title text as React elements from the segments of lib/latex.ts: text is always
 * text (never HTML); only math segments go through KaTeX (trust: false, no macros that fetch or run).
 */
import katex from 'katex'
import { memo, useMemo, type ReactNode } from 'react'
import { api } from '../api'
import { highlightRanges } from '../lib/highlight'
import { abstractToSegments } from '../lib/latex'

function Math({ tex, display }: { tex: string; display: boolean }) {
  const html = useMemo(
    () => katex.renderToString(tex, { displayMode: display, throwOnError: false, trust: false, strict: 'ignore', output: 'htmlAndMathml', maxExpand: 200 }),
    [tex, display],
  )
  return <span className={display ? 'math math-display' : 'math'} dangerouslySetInnerHTML={{ __html: html }} />
}

/** Wraps every word starting with one of the search terms in <mark> (accents and case ignored). */
export function Highlight({ text, terms }: { text: string; terms?: readonly string[] }): ReactNode {
  const ranges = useMemo(() => highlightRanges(text, terms), [text, terms])
  if (ranges.length === 0) return text
  const parts: ReactNode[] = []
  let at = 0
  for (const [start, end] of ranges) {
    if (start > at) parts.push(text.slice(at, start))
    parts.push(<mark key={start}>{text.slice(start, end)}</mark>)
    at = end
  }
  if (at < text.length) parts.push(text.slice(at))
  return parts
}

export function openLink(url: string) {
  void api.openExternal({ url }).catch(() => {})
}

export const RichText = memo(function RichText({ source, terms }: { source: string; terms?: readonly string[] }) {
  const segments = useMemo(() => abstractToSegments(source), [source])
  return (
    <>
      {segments.map((s, i) => {
        switch (s.kind) {
          case 'math':
            return <Math key={i} tex={s.tex} display={s.display} />
          case 'link':
            return (
              <a
                key={i}
                href={s.url}
                title={s.url}
                onClick={(e) => {
                  e.preventDefault()
                  openLink(s.url)
                }}
              >
                {s.text}
              </a>
            )
          case 'text': {
            const inner = <Highlight text={s.text} terms={terms} />
            if (s.style === 'italic') return <em key={i}>{inner}</em>
            if (s.style === 'bold') return <strong key={i}>{inner}</strong>
            if (s.style === 'mono') return <code key={i}>{inner}</code>
            return <span key={i}>{inner}</span>
          }
        }
      })}
    </>
  )
})
