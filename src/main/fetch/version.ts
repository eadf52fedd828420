/** Margin's version, for the User-Agent (`Margin/<version>`): the one in package.json, bundled at build time. */
import pkg from '../../../package.json' with { type: 'json' }

export const MARGIN_VERSION: string = pkg.version
