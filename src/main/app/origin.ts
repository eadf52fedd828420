/** Which URLs are our own renderer (pure, so it is unit-tested without Electron). */
/** True when `url` is our renderer: the built files under `rendererRoot` or the dev server. */
export function isOwnRendererUrl(url: string, rendererRoot: string, devServerUrl?: string): boolean {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return false
  }
  if (devServerUrl) {
    const dev = new URL(devServerUrl)
    return u.origin === dev.origin
  }
  if (u.protocol !== 'file:') return false
  const root = new URL(`file://${rendererRoot.replace(/\\/g, '/').replace(/^([A-Za-z]:)/, '/$1')}/`)
  return decodeURIComponent(u.pathname).startsWith(decodeURIComponent(root.pathname))
}
