/**
 * A map from 32-bit term ids to integers in two typed arrays (open addressing, linear probing). A
 * library holds around a million distinct terms and loading it updates them tens of millions of
 * times: a JS Map spends most of that time boxing and rehashing; this table does neither.
 */
const EMPTY = 0xffffffff // not a valid key: termHash/bigramHash values equal to it are remapped by `key`

function key(h: number): number {
  return h === EMPTY ? EMPTY - 1 : h
}

export class TermTable {
  private keys: Uint32Array
  private values: Int32Array
  private used = 0

  constructor(capacity = 1024) {
    let size = 1024
    while (size < capacity * 2) size *= 2
    this.keys = new Uint32Array(size).fill(EMPTY)
    this.values = new Int32Array(size)
  }

  get size(): number {
    return this.used
  }

  private slot(k: number): number {
    const mask = this.keys.length - 1
    let i = (Math.imul(k, 0x9e3779b1) >>> 0) & mask
    while (this.keys[i] !== EMPTY && this.keys[i] !== k) i = (i + 1) & mask
    return i
  }

  get(h: number): number | undefined {
    const i = this.slot(key(h))
    return this.keys[i] === EMPTY ? undefined : this.values[i]
  }

  set(h: number, value: number): void {
    const k = key(h)
    let i = this.slot(k)
    if (this.keys[i] === EMPTY) {
      if ((this.used + 1) * 2 > this.keys.length) {
        this.grow()
        i = this.slot(k)
      }
      this.keys[i] = k
      this.used++
    }
    this.values[i] = value
  }

  /** Adds `by` to the value of h (0 when absent). Entries that fall to 0 stay (as 0). */
  add(h: number, by: number): void {
    const k = key(h)
    let i = this.slot(k)
    if (this.keys[i] === EMPTY) {
      if ((this.used + 1) * 2 > this.keys.length) {
        this.grow()
        i = this.slot(k)
      }
      this.keys[i] = k
      this.used++
    }
    this.values[i]! += by
  }

  /** Calls fn for every entry (order unspecified). */
  forEach(fn: (value: number, h: number) => void): void {
    const { keys, values } = this
    for (let i = 0; i < keys.length; i++) if (keys[i] !== EMPTY) fn(values[i]!, keys[i]!)
  }

  private grow(): void {
    const { keys, values } = this
    this.keys = new Uint32Array(keys.length * 2).fill(EMPTY)
    this.values = new Int32Array(keys.length * 2)
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] === EMPTY) continue
      const j = this.slot(keys[i]!)
      this.keys[j] = keys[i]!
      this.values[j] = values[i]!
    }
  }
}
