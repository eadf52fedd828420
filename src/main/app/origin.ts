/** Which URLs are our own renderer (pure, so it is unit-tested without Electron). */
import { APP_HOST, APP_SCHEME } from './appScheme'

/**
 * True when `url` is our renderer: a page of the app:// origin, or, in development only, the dev
 * server's origin (then the app origin is not ours: nothing serves it).
 */
export function isOwnRendererUrl(url: string, devServerUrl?: string): boolean {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return false
  }
  if (devServerUrl) return u.origin === new URL(devServerUrl).origin
  // app: is not a WHATWG "special" scheme, so URL.origin is "null" under Node: compare the parts.
  return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '' && u.port === ''
}
