import { describe, expect, it } from 'vitest'
import { isOwnRendererUrl } from '../../src/main/app/origin'

describe('isOwnRendererUrl (which frames may call the API)', () => {
  const root = '/opt/Margin/resources/app/out/renderer'
  it('accepts our built page and refuses other files and sites', () => {
    expect(isOwnRendererUrl('file:///opt/Margin/resources/app/out/renderer/index.html', root)).toBe(true)
    expect(isOwnRendererUrl('file:///opt/Margin/resources/app/out/renderer/index.html#x', root)).toBe(true)
    expect(isOwnRendererUrl('file:///opt/Margin/resources/app/out/renderer-evil/index.html', root)).toBe(false)
    expect(isOwnRendererUrl('file:///tmp/downloaded.html', root)).toBe(false)
    expect(isOwnRendererUrl('https://huggingface.co/papers', root)).toBe(false)
    expect(isOwnRendererUrl('not a url', root)).toBe(false)
  })
  it('accepts only the dev server origin in development', () => {
    expect(isOwnRendererUrl('http://localhost:5173/', root, 'http://localhost:5173')).toBe(true)
    expect(isOwnRendererUrl('http://localhost:5174/', root, 'http://localhost:5173')).toBe(false)
    expect(isOwnRendererUrl('file:///opt/Margin/resources/app/out/renderer/index.html', root, 'http://localhost:5173')).toBe(false)
  })
  it('handles Windows paths', () => {
    expect(isOwnRendererUrl('file:///C:/Program%20Files/Margin/out/renderer/index.html', 'C:\\Program Files\\Margin\\out\\renderer')).toBe(true)
    expect(isOwnRendererUrl('file:///C:/Users/x/evil.html', 'C:\\Program Files\\Margin\\out\\renderer')).toBe(false)
  })
})
