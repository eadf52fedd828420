/** Which papers an export covers: a scope (a selection, starred, all, a view with a search) as ids in export order. */
import { UserError } from '../errors'
import type { Library } from '../library/library'
import { matchingIds, parseQuery } from '../search'
import { ExportScope } from '../../shared/contract/shapes/export'

/** A scope the user asked for that cannot be exported (a malformed search query). */
export class ExportScopeError extends UserError {
  constructor(message: string) {
    super(message, 'badScope')
  }
}

/** The ids a scope covers, in export order. */
export function scopeIds(lib: Library, input: ExportScope): number[] {
  const scope = ExportScope.parse(input)
  switch (scope.kind) {
    case 'selection':
      return [...new Set(scope.ids)]
    case 'starred':
      return lib.viewIds('starred', 'date')
    case 'all':
      return lib.viewIds('all', 'date')
    case 'view': {
      const ids = lib.viewIds(scope.filter, scope.sort)
      const query = scope.query?.trim()
      if (!query) return ids
      const errors = parseQuery(query).errors
      if (errors.length > 0) throw new ExportScopeError(`The search "${query}" has a problem: ${errors.map((e) => e.message).join('; ')}`)
      const matching = new Set(matchingIds(lib, query))
      return ids.filter((id) => matching.has(id))
    }
  }
}
