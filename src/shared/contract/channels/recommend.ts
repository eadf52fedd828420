import { z } from 'zod'
import { paperId } from '../shapes/library'
import { defineChannels } from '../define'

/** Reasons are asked for a visible page of the feed at a time. */
export const MAX_REASON_IDS = 500

export const ForYouView = z.object({
  /** Unread papers, best first (empty until there are positives). */
  ids: z.array(paperId),
  scores: z.array(z.number()),
  /** How many papers the model learned from (starred or with a note). */
  positives: z.number().int(),
  /** What to do when the feed cannot rank yet; null when it can. */
  hint: z.string().nullable(),
})
export type ForYouView = z.infer<typeof ForYouView>

export const PaperReason = z.object({
  id: paperId,
  /** The two or three terms that weigh most in the paper's score. */
  terms: z.array(z.string()),
  /** The starred or annotated paper most like it. */
  like: z.object({ id: paperId, title: z.string() }).nullable(),
})
export type PaperReason = z.infer<typeof PaperReason>

export const SimilarPaper = z.object({ id: paperId, title: z.string(), score: z.number() })
export type SimilarPaper = z.infer<typeof SimilarPaper>

export const recommendChannels = defineChannels({
  forYou: {
    summary: 'the unread papers ranked by a model of the starred and annotated ones, best first',
    input: z.void(),
    output: ForYouView,
  },
  forYouReasons: {
    summary: 'why each paper ranks where it does: its heaviest terms and the starred paper it is most like',
    input: z.object({ ids: z.array(paperId).max(MAX_REASON_IDS, `at most ${MAX_REASON_IDS} ids per call`) }),
    output: z.array(PaperReason),
  },
  similarPapers: {
    summary: 'the five papers nearest to a paper by cosine of their tf-idf vectors, any state',
    input: z.object({ id: paperId }),
    output: z.array(SimilarPaper),
  },
})
