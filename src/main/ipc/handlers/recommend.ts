import { recommenderFor } from '../../recommend/recommender'
import type { recommendChannels } from '../../../shared/contract/channels/recommend'
import type { Handlers } from '../dispatcher'

export const recommendHandlers: Handlers<typeof recommendChannels> = {
  forYou: (_input, { library }) => recommenderFor(library).forYou(),
  forYouReasons: ({ ids }, { library }) => {
    const reasons = recommenderFor(library).reasons(ids)
    return ids.flatMap((id) => {
      const r = reasons.get(id)
      return r ? [{ id, ...r }] : []
    })
  },
  similarPapers: ({ id }, { library }) => recommenderFor(library).similar(id),
}
