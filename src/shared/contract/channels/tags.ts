import { z } from 'zod'
import { paperId } from '../shapes/library'
import { TagName } from '../shapes/search'
import { defineChannels } from '../define'

export { TagName }

/** Tags given in one call (a pasted list of a few dozen words at most). */
export const MAX_TAGS_PER_CALL = 50

const tagList = z.array(TagName).min(1, 'no tags given').max(MAX_TAGS_PER_CALL, `at most ${MAX_TAGS_PER_CALL} tags per call`)
/** A paper's tags, in name order. */
const paperTags = z.array(z.string())

export const TagCount = z.object({ tag: z.string(), papers: z.number().int() })
export type TagCount = z.infer<typeof TagCount>

export const tagsChannels = defineChannels({
  tagsOf: {
    summary: "a paper's tags, in name order",
    input: z.object({ id: paperId }),
    output: paperTags,
  },
  addTags: {
    writesLibrary: true,
    summary: 'tag a paper (names are kept lower-case; tags it already has are ignored); returns its tags',
    input: z.object({ id: paperId, tags: tagList }),
    output: paperTags,
  },
  removeTags: {
    writesLibrary: true,
    summary: 'remove tags from a paper (tags it does not have are ignored); returns its tags',
    input: z.object({ id: paperId, tags: tagList }),
    output: paperTags,
  },
  allTags: {
    summary: 'every tag in the library with how many papers carry it, in name order',
    input: z.void(),
    output: z.array(TagCount),
  },
})
