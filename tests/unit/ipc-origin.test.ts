import { describe, expect, it } from 'vitest'
import { isOwnRendererUrl } from '../../src/main/app/origin'

describe('isOwnRendererUrl (which frames may call the API and where the window may navigate)', () => {
  it('accepts pages of the app://margin origin and refuses files and other sites', () => {
    expect(isOwnRendererUrl('app://margin/index.html')).toBe(true)
    expect(isOwnRendererUrl('app://margin/index.html#x')).toBe(true)
    expect(isOwnRendererUrl('app://margin/')).toBe(true)
    expect(isOwnRendererUrl('app://evil/index.html')).toBe(false)
    expect(isOwnRendererUrl('app://margin.evil/index.html')).toBe(false)
    expect(isOwnRendererUrl('app://user@margin/index.html')).toBe(false)
    expect(isOwnRendererUrl('app://margin:8080/index.html')).toBe(false)
    expect(isOwnRendererUrl('file:///opt/Margin/resources/app.asar/out/renderer/index.html')).toBe(false)
    expect(isOwnRendererUrl('https://huggingface.co/papers')).toBe(false)
    expect(isOwnRendererUrl('not a url')).toBe(false)
  })
  it('accepts only the dev server origin in development', () => {
    expect(isOwnRendererUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true)
    expect(isOwnRendererUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false)
    expect(isOwnRendererUrl('app://margin/index.html', 'http://localhost:5173')).toBe(false)
  })
})
