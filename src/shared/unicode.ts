/**
 * Well-formed Unicode: no lone surrogate (a UTF-16 half of a character). Such strings cannot be
 * stored as UTF-8 faithfully (SQLite and files would get U+FFFD or invalid bytes), so the IPC
 * contract refuses them. Same answer as String.prototype.isWellFormed (ES2024), which the project's
 * TypeScript lib does not declare yet.
 */
export const isWellFormed = (s: string): boolean => !/\p{Cs}/u.test(s)
