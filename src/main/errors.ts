/**
 * A request refused for a reason the user can act on (a malformed search, a citation key already
 * taken). Its message is a sentence to show as is. Nothing is wrong with Margin, so the IPC
 * dispatcher returns it without logging it as a failure.
 */
export class UserError extends Error {}
