/**
 * Each paper's identity in CSL-JSON, on the archive's hardest real names and titles
 * (tests/fixtures/hf-api/archive/hardest-names.json): group authors as literals, arXiv's DOI, titles
 * as they read. CSL-JSON is Unicode: names keep every letter.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { cslItem, cslName, toCslJson } from '../../src/main/export/csl'
import { Library } from '../../src/main/library/library'
import type { Paper } from '../../src/shared/contract/shapes/library'
import { API_DIR } from '../helpers/library'

const HARDEST = join(API_DIR, 'archive', 'hardest-names.json')
let papers: Paper[]
const byArxiv = (id: string) => papers.find((p) => p.arxivId === id)!

beforeAll(() => {
  const lib = new Library(':memory:')
  expect(lib.importDump({ path: HARDEST, bytes: readFileSync(HARDEST) }).status).toBe('imported')
  papers = lib.listPapers()
})

describe('CSL names', () => {
  it('a group author is one literal name, a person is given and family, with every letter kept', () => {
    expect(cslName('Xiaomi LLM-Core Team')).toEqual({ literal: 'Xiaomi LLM-Core Team' })
    expect(cslName('SAM 3D Team')).toEqual({ literal: 'SAM 3D Team' })
    expect(cslName('Team GLM')).toEqual({ literal: 'Team GLM' })
    expect(cslName('LG AI Research')).toEqual({ literal: 'LG AI Research' })
    expect(cslName('DeepSeek-AI')).toEqual({ literal: 'DeepSeek-AI' })
    expect(cslName('Aleksander Mądry')).toEqual({ given: 'Aleksander', family: 'Mądry' })
    expect(cslName('Tran Đuc Huy')).toEqual({ given: 'Tran Đuc', family: 'Huy' })
    expect(cslName('İclal Çetin')).toEqual({ given: 'İclal', family: 'Çetin' })
  })

  it('in the real papers', () => {
    expect(cslItem(byArxiv('2505.07608')).author![0]).toEqual({ literal: 'Xiaomi LLM-Core Team' })
    expect(cslItem(byArxiv('2511.16624')).author).toContainEqual({ literal: 'SAM 3D Team' })
    expect(cslItem(byArxiv('2410.07095')).author).toContainEqual({ given: 'Aleksander', family: 'Mądry' })
  })
})

describe('CSL identity', () => {
  it('every paper with an arXiv id has its DOI, URL and number', () => {
    const items = JSON.parse(toCslJson(papers).text) as Record<string, unknown>[]
    expect(items).toHaveLength(19)
    for (const item of items) {
      const id = papers.find((p) => p.citationKey === item.id)!.arxivId
      expect(item.DOI).toBe(`10.48550/arXiv.${id}`)
      expect(item.URL).toBe(`https://arxiv.org/abs/${id}`)
      expect(item.number).toBe(`arXiv:${id}`)
    }
  })

  it('titles read as arXiv shows them, without stray backslashes', () => {
    expect(cslItem(byArxiv('2603.07980')).title).toBe('$OneMillion-Bench: How Far are Language Agents from Human Experts?')
    expect(cslItem(byArxiv('2508.15881')).title).toBe('TPLA: Tensor Parallel Latent Attention for Efficient Disaggregated Prefill & Decode Inference')
    expect(cslItem(byArxiv('2604.17388')).title).toBe('Back to Repair: A Minimal Denoising Network for Time Series Anomaly Detection')
    for (const p of papers) expect(cslItem(p).title).not.toContain('\\')
  })
})
