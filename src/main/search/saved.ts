/**
 * Saved searches (smart feeds) and tags. A saved search is a name and a query; its count is every
 * paper matching all of its words (typos corrected as in the box) and its filters, so it behaves
 * like a feed: new papers that match it appear in it after an import. The rows are the library's
 * (SavedSearchStore, TagStore); names are checked here.
 */
import type { Library } from '../library/library'
import { SavedSearch, SavedSearchName, TagName } from '../../shared/contract/shapes/search'
import { countMatches } from './matching'

export { SavedSearch, SavedSearchName, TagName }

type Stores = Pick<Library, 'savedSearches' | 'tags' | 'searchIndex'>

/** Saves `query` under `name` (replacing the query of an existing search of that name). */
export function saveSearch(lib: Stores, name: string, query: string): SavedSearch {
  const n = SavedSearchName.parse(name)
  lib.savedSearches.save(n, query.trim())
  return listSavedSearches(lib).find((s) => s.name === n)!
}

/** Returns whether a search of that name (or id) existed. */
export function deleteSavedSearch(lib: Stores, nameOrId: string | number): boolean {
  return lib.savedSearches.delete(nameOrId)
}

/** Every saved search, in name order, with how many papers it holds and how many are unread. */
export function listSavedSearches(lib: Stores): SavedSearch[] {
  return lib.savedSearches.list().map((r) => ({ ...r, ...countMatches(lib, r.query) }))
}

/** Adds tags to a paper (kept lower-case); returns the paper's tags. */
export function addTags(lib: Stores, id: number, tags: readonly string[]): string[] {
  return lib.tags.add(id, tags.map((t) => TagName.parse(t)))
}

export function removeTags(lib: Stores, id: number, tags: readonly string[]): string[] {
  return lib.tags.remove(id, tags.map((t) => t.trim().toLowerCase()))
}

export function tagsOf(lib: Stores, id: number): string[] {
  return lib.tags.of(id)
}

/** Every tag with how many papers carry it. */
export function allTags(lib: Stores): { tag: string; papers: number }[] {
  return lib.tags.all()
}
