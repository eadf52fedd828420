import type { Migration } from './index'

/**
 * Marks the file as a Margin library: SQLite's header field `application_id` (offset 68) is set to
 * MARGIN_APPLICATION_ID, so Margin can tell its own libraries from another program's SQLite file
 * by reading 100 bytes, before opening anything for writing (src/main/library/open.ts). Libraries
 * from before this migration were recognised by their tables and get the mark here.
 */
export const MARGIN_APPLICATION_ID = 0x4d52474e // "MRGN"

export const applicationId: Migration = {
  version: 5,
  name: 'application id',
  up: (db) => {
    db.pragma(`application_id = ${MARGIN_APPLICATION_ID}`)
  },
}
