import type { Context } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { networkMessage } from '../messages.ts';
import { selectIntent, selectSuggestions } from './intent-queries.ts';
import { type SuggestionList, SuggestionsQuery } from './intent-schemas.ts';
import { intentView, todayOf } from './intent-view.ts';
import {
  reasonCodesFor,
  reasonSentence,
  roundedComponents,
  roundScore,
  suggestionSettings,
} from './suggestion-score.ts';

/**
 * For a need, the offers that could meet it; for an offer, the needs it could meet: open, within
 * their dates, of other organizations, ranked by the score stated in suggestion-score.ts, each
 * with its components and its reasons in words. Public, like the board.
 */
export async function findSuggestions(
  ctx: Context,
  id: string,
  query: SuggestionsQuery,
): Promise<SuggestionList> {
  const { limit } = SuggestionsQuery.parse(query);
  const today = todayOf(ctx.now());
  const asker = await selectIntent(ctx.db, id);
  if (!asker) throw new AppError('not-found', networkMessage('intent.not-found', { id }));
  const rows = await selectSuggestions(ctx.db, id, suggestionSettings(today, limit));
  return {
    for: intentView(asker, today),
    items: rows.map((row) => {
      const reasonCodes = reasonCodesFor(row);
      return {
        intent: intentView(row, today),
        score: roundScore(row.score),
        components: roundedComponents(row),
        reasons: reasonCodes.map(reasonSentence),
        reasonCodes,
        distanceKm: row.distance_km === null ? null : Math.round(row.distance_km * 10) / 10,
      };
    }),
  };
}
