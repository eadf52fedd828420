/** Offline search (issue 4): the engine, its query language, saved searches and tags. */
export { searchPapers, filterSql, type SearchHit, type SearchResponse, type SearchOptions, type Correction } from './search'
export { parseQuery, FILTER_KEYS, type ParsedQuery, type QueryError, type Filter, type TextTerm } from './query'
export { saveSearch, deleteSavedSearch, listSavedSearches, matchingIds, smartFeed, countMatches, addTags, removeTags, tagsOf, allTags, SavedSearch } from './saved'
export { indexPapers, rebuildIndex } from './indexer'
export { catchUpVocabulary, rebuildVocabulary, corrections } from './vocabulary'
