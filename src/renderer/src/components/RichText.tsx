/**
 * Renders abstract/title text as React elements from the segments of lib/latex.ts: text is always
 * text (never HTML); only math segments go through KaTeX (trust: false, no macros that fetch or run).
 */
import katex from 'katex'
import { memo, useMemo, type ReactNode } from 'react'
import { api } from '../api'
import { abstractToSegments } from '../lib/latex'

function Math({ tex, display }: { tex: string; display: boolean }) {
  const html = useMemo(
    () => katex.renderToString(tex, { displayMode: display, throwOnError: false, trust: false, strict: 'ignore', output: 'htmlAndMathml', maxExpand: 200 }),
    [tex, display],
  )
  return <span className={display ? 'math math-display' : 'math'} dangerouslySetInnerHTML={{ __html: html }} />
}

/** Wraps each occurrence of the search terms in <mark>. */
export function Highlight({ text, terms }: { text: string; terms?: readonly string[] }): ReactNode {
  const re = useMemo(() => {
    const clean = (terms ?? []).map((t) => t.trim()).filter((t) => t.length > 1)
    if (clean.length === 0) return null
    return new RegExp(`(${clean.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'giu')
  }, [terms])
  if (!re) return text
  return text.split(re).map((part, i) => (i % 2 === 1 ? <mark key={i}>{part}</mark> : part))
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
