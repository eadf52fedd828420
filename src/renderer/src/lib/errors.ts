/**
 * A failed call as words for the user, decided by the error's code and fields (ApiError), never by
 * reading its message.
 */
import { ApiError } from '../../../shared/bridge'

const sentence = (text: string) => {
  const t = text.trim().replace(/\.$/, '')
  return t.charAt(0).toUpperCase() + t.slice(1)
}

/** One sentence: for a refused input, what is wrong with the (first) field; else the message. */
export function errorSentence(e: unknown): string {
  if (e instanceof ApiError && e.code === 'invalidInput' && e.issues[0]) return sentence(e.issues[0].message)
  return sentence(e instanceof Error ? e.message : String(e))
}

/** The index of the list item an invalid-input error is about (`tags[1]` → 1), with its problem. */
export function itemIssue(e: unknown, field: string): { index: number; message: string } | null {
  if (!(e instanceof ApiError) || e.code !== 'invalidInput') return null
  const prefix = `${field}[`
  for (const issue of e.issues) {
    if (!issue.path.startsWith(prefix)) continue
    const index = Number.parseInt(issue.path.slice(prefix.length), 10)
    if (Number.isInteger(index)) return { index, message: issue.message }
  }
  return null
}
