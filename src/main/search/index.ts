/** Offline search: the query language, ranking, saved searches and tags (the index itself is the library's: ../library/searchIndex). */
export { searchPapers, type HasSearchIndex, type SearchHit, type SearchResponse, type SearchOptions, type Correction } from './search'
export { parseQuery, FILTER_KEYS, type ParsedQuery, type QueryError, type Filter, type TextTerm } from './query'
export { matchingIds, smartFeed, countMatches, planMatch } from './matching'
export { saveSearch, deleteSavedSearch, listSavedSearches, addTags, removeTags, tagsOf, allTags, SavedSearch } from './saved'
export { indexPapers, rebuildIndex } from '../library/searchIndex/indexer'
export { catchUpVocabulary, rebuildVocabulary, corrections } from '../library/searchIndex/vocabulary'
