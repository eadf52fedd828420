/**
 * Window hardening beyond the BrowserWindow options: no navigation away from our page, no new
 * windows (http(s) links go to the system browser), no permissions. The CSP header comes with every
 * app:// answer (./appScheme).
 */
import { shell, type Session, type WebContents } from 'electron'
import { httpUrl } from '../../shared/url'

export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
}

export function hardenWebContents(contents: WebContents, isOwnUrl: (url: string) => boolean): void {
  contents.on('will-navigate', (event, url) => {
    if (isOwnUrl(url)) return
    event.preventDefault()
    const href = httpUrl(url)
    if (href) void shell.openExternal(href)
  })
  contents.on('will-redirect', (event, url) => {
    if (!isOwnUrl(url)) event.preventDefault()
  })
  contents.setWindowOpenHandler(({ url }) => {
    const href = httpUrl(url)
    if (href) void shell.openExternal(href)
    return { action: 'deny' }
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
}
