/** Margin's version, for the User-Agent (`Margin/<version>`): the one in package.json, bundled at build time. */
import { version } from '../../../package.json'

export const MARGIN_VERSION: string = version
