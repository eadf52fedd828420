/**
 * The identity of a paper across dumps: its title after Unicode compatibility normalisation,
 * whitespace folding and case folding, so `Neuroformer:  Multimodal` and `NEUROFORMER: Multimodal`
 * are one paper.
 */
export function titleKey(title: string): string {
  return title.normalize('NFKC').replace(/\s+/gu, ' ').trim().toLowerCase().normalize('NFKC')
}
