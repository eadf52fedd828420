/**
 * Says, for as long as the window is open, that the library cannot be written (its file, folder or
 * disk is read-only, or the disk is full) and what still works. Writes tried anyway fail with the
 * library's own sentence, shown where they were tried.
 */
export function ReadOnlyBanner({ reason }: { reason: 'readOnly' | 'diskFull' }) {
  return (
    <div className="read-only-banner" role="status" data-testid="read-only-banner">
      {reason === 'diskFull'
        ? 'The disk is full, so this library is open read-only: you can read, search and export. Free some space and restart Margin to write again.'
        : 'This library is read-only (its file, folder or disk cannot be written): you can read, search and export.'}
    </div>
  )
}
