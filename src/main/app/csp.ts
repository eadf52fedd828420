/**
 * The renderer's Content-Security-Policy, defined once: sent as a header by the app:// scheme and the
 * test harness, and written into the built index.html by electron.vite.config.ts. Electron-free.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  // KaTeX and React set inline style attributes; no remote styles.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ')

/** The policy as a `<meta>` can carry it: browsers ignore frame-ancestors there (and warn about it). */
export function metaPolicy(policy: string): string {
  return policy
    .split(';')
    .map((d) => d.trim())
    .filter((d) => !d.startsWith('frame-ancestors'))
    .join('; ')
}
