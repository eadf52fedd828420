/**
 * JSON with bytes: Uint8Array values travel as {"$bytes": "<base64>"} over the harness's HTTP
 * transport (Electron's structured clone carries them natively). Works in the browser and in Node.
 */
const TAG = '$bytes'

function toBase64(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

export function encodeWire(value: unknown): string {
  return JSON.stringify(value === undefined ? null : value, (_key, v: unknown) =>
    v instanceof Uint8Array ? { [TAG]: toBase64(v) } : v,
  )
}

export function decodeWire(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const keys = Object.keys(v)
      if (keys.length === 1 && keys[0] === TAG && typeof (v as Record<string, unknown>)[TAG] === 'string') {
        return fromBase64((v as Record<string, string>)[TAG]!)
      }
    }
    return v
  })
}
