import type { Command } from 'commander'
import type { Paper } from '../../../shared/contract/shapes/library'
import { paperPageUrl } from '../../../shared/paperLinks'
import { parsePositiveInt } from '../args'
import { printJson, withLibrary } from '../context'

export function registerList(program: Command): void {
  program
    .command('list')
    .description('list papers, newest dump first')
    .option('--unread', 'only unread papers')
    .option('--starred', 'only starred papers')
    .option('--limit <n>', 'at most n papers', parsePositiveInt)
    .option('--json', 'print the papers as JSON')
    .action((opts: { unread?: boolean; starred?: boolean; limit?: number; json?: boolean }, command: Command) => {
      const papers = withLibrary(command, (lib) => {
        const filter = opts.starred ? 'starred' : opts.unread ? 'unread' : 'all'
        // --unread --starred together: starred papers not read yet
        return lib
          .listPapers({ filter, limit: opts.unread && opts.starred ? -1 : opts.limit })
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
