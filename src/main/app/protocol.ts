/** Electron's side of the app:// scheme (the logic is in ./appScheme, Electron-free). */
import { protocol } from 'electron'
import { APP_SCHEME, serveAppRequest } from './appScheme'

/** Must run before the app is ready: a standard, secure scheme that fetch() may use. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ])
}

/** Serves the built renderer folder (and nothing else) on app://margin/. */
export function serveRenderer(rendererRoot: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(request, rendererRoot))
}
