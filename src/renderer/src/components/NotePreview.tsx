/**
 * The rendered note: Markdown (never raw HTML) with math typeset by KaTeX, built so that it never
 * freezes the window. The note is rendered in the background (useDeferredValue) one memoised block
 * at a time, so React can pause between blocks for a keystroke or a click; KaTeX runs with bounds
 * (maxSize, maxExpand, no trust, no throwing), a formula too long is shown as its source, formulas
 * are typeset once and cached, and a note too large to typeset is shown as its text with a sentence.
 */
import katex from 'katex'
import { memo, startTransition, useDeferredValue, useEffect, useMemo, useState, type ReactNode } from 'react'
import ReactMarkdown, { type Components } from 'react-markdown'
import remarkGfm from 'remark-gfm'
import remarkMath from 'remark-math'
import { PREVIEW_LIMITS, planPreview } from '../lib/note-blocks'
import { openLink } from './RichText'
import './note-preview.css'

const KATEX_OPTIONS = {
  throwOnError: false,
  trust: false,
  strict: 'ignore',
  output: 'htmlAndMathml',
  // bounds: no huge \rule or \kern boxes, no macro expansion loops
  maxSize: 20,
  maxExpand: 200,
} as const

/** Typeset formulas by source, so going back to the preview or re-rendering a block is cheap. */
const typesetCache = new Map<string, string>()
const CACHE_SIZE = 4_000

function typeset(tex: string, display: boolean): string {
  const key = `${display ? 'D' : 'I'}${tex}`
  let html = typesetCache.get(key)
  if (html === undefined) {
    try {
      html = katex.renderToString(tex, { ...KATEX_OPTIONS, displayMode: display })
    } catch {
      // throwOnError: false reports parse errors in the output; anything else leaves the source
      html = ''
    }
    if (typesetCache.size >= CACHE_SIZE) typesetCache.delete(typesetCache.keys().next().value!)
  } else {
    typesetCache.delete(key) // most recently used last
  }
  typesetCache.set(key, html)
  return html
}

function Formula({ tex, display }: { tex: string; display: boolean }) {
  const tooLong = tex.length > PREVIEW_LIMITS.formulaChars
  const html = tooLong ? '' : typeset(tex, display)
  if (!html) {
    const title = tooLong ? `This formula is too long to typeset (${tex.length.toLocaleString('en')} characters; up to ${PREVIEW_LIMITS.formulaChars.toLocaleString('en')}).` : undefined
    return (
      <code className={`math-source${tooLong ? ' too-long' : ''}`} title={title}>
        {tex}
      </code>
    )
  }
  return display ? (
    <div className="math math-display" dangerouslySetInnerHTML={{ __html: html }} />
  ) : (
    <span className="math" dangerouslySetInnerHTML={{ __html: html }} />
  )
}

const textOf = (children: ReactNode): string => (Array.isArray(children) ? children.join('') : typeof children === 'string' ? children : '')

const COMPONENTS: Components = {
  // remark-math gives `$…$` as code.math-inline, `$$…$$` as pre > code.math-display; ```math is
  // code.language-math in a pre (display)
  code: ({ className, children }) => {
    const classes = className?.split(' ') ?? []
    if (classes.includes('math-inline')) return <Formula tex={textOf(children)} display={false} />
    if (classes.includes('math-display') || classes.includes('language-math')) return <Formula tex={textOf(children)} display />
    return <code className={className}>{children}</code>
  },
  pre: ({ node, children }) => {
    const first = node?.children[0]
    const classes = first?.type === 'element' ? first.properties.className : undefined
    if (Array.isArray(classes) && classes.includes('language-math')) return <>{children}</>
    return <pre>{children}</pre>
  },
  a: ({ href, children }) => (
    <a
      href={href}
      onClick={(e) => {
        e.preventDefault()
        if (href) openLink(href)
      }}
    >
      {children}
    </a>
  ),
  img: ({ alt }) => <span className="muted">[image: {alt}]</span>,
}

const REMARK = [remarkGfm, remarkMath]

/** One top-level block; re-rendered only when its own text changes. */
const Block = memo(function Block({ source }: { source: string }) {
  return (
    <ReactMarkdown remarkPlugins={REMARK} components={COMPONENTS} skipHtml>
      {source}
    </ReactMarkdown>
  )
})

const SourceChunk = memo(function SourceChunk({ text }: { text: string }) {
  return <span className="note-source-chunk">{text}</span>
})

/** Keys that follow a block's content, so inserting a block does not re-render those after it. */
function contentKeys(blocks: string[]): string[] {
  const seen = new Map<string, number>()
  return blocks.map((b) => {
    const n = seen.get(b) ?? 0
    seen.set(b, n + 1)
    return `${n}:${b}`
  })
}

/** Blocks rendered per step: the first screen appears at once, the rest follows in the background. */
const BATCH = 24

export function NotePreview({ text, onEdit }: { text: string; onEdit(): void }) {
  // First paint shows a line; the note itself is rendered in the background, interruptibly.
  const deferred = useDeferredValue(text, '')
  const plan = useMemo(() => planPreview(deferred), [deferred])
  const keys = useMemo(() => (plan.kind === 'markdown' ? contentKeys(plan.blocks) : []), [plan])
  const stale = deferred !== text
  const total = plan.kind === 'markdown' ? plan.blocks.length : plan.chunks.length
  const [shown, setShown] = useState(BATCH)
  useEffect(() => {
    if (shown >= total) return
    // a transition per step: a keystroke or a click goes first
    const t = setTimeout(() => startTransition(() => setShown((n) => n + BATCH)), 0)
    return () => clearTimeout(t)
  }, [shown, total])

  let body: ReactNode
  if (!text.trim()) {
    body = (
      <p className="muted">
        No note yet. Press <kbd>n</kbd> or double-click here to write one.
      </p>
    )
  } else if (!deferred.trim()) {
    body = <p className="muted">Rendering the note…</p>
  } else if (plan.kind === 'source') {
    body = (
      <>
        <p className="note-preview-notice" data-testid="note-preview-notice">
          {plan.reason} Write shows and edits all of it.
        </p>
        <pre className="note-source">
          {plan.chunks.slice(0, shown).map((c, i) => (
            <SourceChunk key={i} text={c} />
          ))}
        </pre>
      </>
    )
  } else {
    body = plan.blocks.slice(0, shown).map((b, i) => <Block key={keys[i]} source={b} />)
  }
  return (
    <div
      className={`note-preview markdown${stale && deferred.trim() ? ' stale' : ''}`}
      data-testid="note-preview"
      data-complete={!stale && shown >= total}
      aria-busy={stale || shown < total}
      onDoubleClick={onEdit}
    >
      {body}
    </div>
  )
}
