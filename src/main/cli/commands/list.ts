import { type Command, Option } from 'commander'
import type { Library } from '../../library/library'
import type { Paper } from '../../../shared/contract/shapes/library'
import { paperPageUrl } from '../../../shared/paperLinks'
import { recommenderFor, type Reason } from '../../recommend/recommender'
import { parsePositiveInt } from '../args'
import { printJson, withLibrary } from '../context'

interface ListOpts {
  unread?: boolean
  starred?: boolean
  limit?: number
  json?: boolean
  sort: 'date' | 'upvotes' | 'for-you'
}

export function registerList(program: Command): void {
  program
    .command('list')
    .description('list papers, newest dump first')
    .option('--unread', 'only unread papers')
    .option('--starred', 'only starred papers')
    .option('--limit <n>', 'at most n papers', parsePositiveInt)
    .addOption(
      new Option('--sort <order>', 'date (newest dump first), upvotes, or for-you (unread papers ranked by your stars and notes)')
        .choices(['date', 'upvotes', 'for-you'])
        .default('date'),
    )
    .option('--json', 'print the papers as JSON')
    .action((opts: ListOpts, command: Command) => {
      if (opts.sort === 'for-you') return withLibrary(command, (lib) => listForYou(lib, opts))
      const papers = withLibrary(command, (lib) => {
        const filter = opts.starred ? 'starred' : opts.unread ? 'unread' : 'all'
        // --unread --starred together: starred papers not read yet
        return lib
          .listPapers({ filter, sort: opts.sort === 'upvotes' ? 'upvotes' : 'date', limit: opts.unread && opts.starred ? -1 : opts.limit })
          .filter((p) => !(opts.unread && p.read))
          .slice(0, opts.limit)
      })
      if (opts.json) printJson({ papers: papers.map(toJson) })
      else for (const p of papers) console.log(formatLine(p))
    })
}

export function toJson(p: Paper) {
  return {
    id: p.id,
    title: p.title,
    abstract: p.abstract,
    authorsCount: p.authorsCount,
    authors: p.authors,
    arxivId: p.arxivId,
    /** The Hugging Face Papers page (a title search there when the arXiv id is not known). */
    url: paperPageUrl(p),
    org: p.org,
    publishedAt: p.publishedAt,
    upvotes: p.upvotes,
    read: p.read,
    starred: p.starred,
    dumps: [...new Set(p.appearances.map((a) => a.dumpDate))],
  }
}

function formatLine(p: Paper): string {
  const flags = `${p.read ? ' ' : '•'}${p.starred ? '★' : ' '}`
  const who = p.org ? p.org.name : p.authorsCount !== null ? `${p.authorsCount} authors` : ''
  return `${String(p.id).padStart(6)} ${flags} ${p.publishedAt ?? '          '}  ${p.title}${who ? `  (${who})` : ''}`
}

/**
 * `--sort for-you`: unread papers (the feed is only ever unread ones, so `--unread` changes nothing),
 * best first, each with its score and why. Without stars or notes it says how to start, on stderr.
 */
function listForYou(lib: Library, opts: ListOpts): void {
  const rec = recommenderFor(lib)
  const ranked = rec.forYou()
  if (ranked.hint) console.error(`margin: ${ranked.hint}`)
  const starredOnly = opts.starred ? new Set(lib.viewIds('starred')) : null
  const picked = ranked.ids.map((id, i) => ({ id, score: ranked.scores[i]! })).filter((p) => !starredOnly || starredOnly.has(p.id))
  const top = picked.slice(0, opts.limit)
  const reasons = rec.reasons(top.map((p) => p.id))
  const papers = top.flatMap((p) => {
    const paper = lib.getPaper(p.id)
    return paper ? [{ paper, score: p.score, reason: reasons.get(p.id) ?? { terms: [], like: null } }] : []
  })
  if (opts.json) {
    printJson({
      sort: 'for-you',
      hint: ranked.hint,
      positives: ranked.positives,
      papers: papers.map(({ paper, score, reason }) => ({ ...toJson(paper), score: Math.round(score * 1e4) / 1e4, reason })),
    })
  } else {
    for (const { paper, reason } of papers) console.log(`${formatLine(paper)}\n         ${formatReason(reason)}`)
  }
}

export function formatReason(r: Reason): string {
  const parts = [r.terms.length ? `why: ${r.terms.join(', ')}` : '', r.like ? `like: ${r.like.title}` : ''].filter(Boolean)
  return parts.join(' · ')
}
