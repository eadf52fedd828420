/**
 * The one check for links Margin hands to the system browser, used by the IPC contract, the
 * Electron host and the window's navigation guards. Pure: no Node or Electron imports.
 */

/** Longer than any real link; longer strings are refused rather than parsed. */
export const MAX_URL_LENGTH = 4096

export const HTTP_URL_PROBLEM = 'only http(s) links can be opened (with no user name, password or control characters)'

/**
 * The normalised `href` of an http(s) URL, or null: other schemes, a user name or password
 * (`https://user:pass@host`, a phishing disguise), control characters (which the URL parser would
 * silently drop), lone surrogates, or anything longer than MAX_URL_LENGTH.
 */
export function httpUrl(input: unknown): string | null {
  if (typeof input !== 'string' || input.length > MAX_URL_LENGTH) return null
  // control characters (C0, DEL, C1: \p{Cc}) and lone surrogates (with /u, \p{Cs} matches only unpaired ones)
  if (/\p{Cc}|\p{Cs}/u.test(input)) return null
  let url: URL
  try {
    url = new URL(input)
  } catch {
    return null
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
  if (url.username !== '' || url.password !== '' || url.hostname === '') return null
  return url.href
}

export const isHttpUrl = (input: unknown): boolean => httpUrl(input) !== null
