/**
 * What Margin wrote into an export folder: `.margin-export.json`, file name → sha256 of the bytes
 * Margin wrote and the paper they are for. A file is Margin's to update only while its content
 * still has that hash; anything else in the folder is the user's.
 */
import { createHash } from 'node:crypto'
import { z } from 'zod'

export const MANIFEST_NAME = '.margin-export.json'

const Entry = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), id: z.number().int().positive() })
export type ManifestEntry = z.infer<typeof Entry>

const ManifestFile = z.object({
  /** What this file is, for a person who opens it. */
  about: z.string().optional(),
  version: z.literal(1),
  files: z.record(z.string(), Entry),
})

export const sha256 = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex')

/** The entries of a manifest file's text; null when it is not one (damaged, or a newer format). */
export function parseManifest(text: string): Map<string, ManifestEntry> | null {
  try {
    const parsed = ManifestFile.safeParse(JSON.parse(text))
    return parsed.success ? new Map(Object.entries(parsed.data.files)) : null
  } catch {
    return null
  }
}

export function manifestText(entries: ReadonlyMap<string, ManifestEntry>): string {
  const files = Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
  const about =
    'Written by Margin: the files it exported here and a hash of what it wrote. Margin updates a file only while it is unchanged, and never deletes one.'
  return `${JSON.stringify({ about, version: 1, files }, null, 2)}\n`
}
