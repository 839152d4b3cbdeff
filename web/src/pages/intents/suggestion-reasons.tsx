import type { ReactNode } from 'react';
import { FormattedMessage, FormattedNumber, useIntl } from 'react-intl';
import type { Suggestion, SuggestionReason } from '../../api/intents.ts';
import { useCountryNames } from '../../i18n/display-names.ts';
import type { MessageId } from '../../i18n/locales.ts';
import { partnershipMessageId, sectorMessageId } from '../../vocabulary.ts';

/** The score's components, their weights as the server states them, and the reasons of each. */
export const components = [
  {
    key: 'sector',
    weight: 0.35,
    label: 'intents.component.sector',
    codes: ['same-sector'],
    none: 'intents.reason.otherSector',
  },
  {
    key: 'place',
    weight: 0.25,
    label: 'intents.component.place',
    codes: ['same-country', 'provider-in-need-country', 'near'],
    none: 'intents.reason.farAway',
  },
  {
    key: 'text',
    weight: 0.25,
    label: 'intents.component.text',
    codes: ['shared-words'],
    none: 'intents.reason.noSharedWords',
  },
  {
    key: 'ties',
    weight: 0.15,
    label: 'intents.component.ties',
    codes: ['affiliation', 'partnership', 'shared-parent'],
    none: 'intents.reason.noTies',
  },
] as const satisfies readonly {
  key: keyof Suggestion['components'];
  weight: number;
  label: MessageId;
  codes: readonly SuggestionReason['code'][];
  none: MessageId;
}[];

/** A distance as people say it, as the server's sentences round it. */
export function roughKm(km: number): number | null {
  if (km < 5) return null;
  return km < 100 ? Math.round(km / 5) * 5 : Math.round(km / 10) * 10;
}

const shownWords = 6;

/** One reason in the reader's language, from its code and facts. */
export function Reason({ reason }: { reason: SuggestionReason }) {
  const intl = useIntl();
  const countryName = useCountryNames();
  switch (reason.code) {
    case 'same-sector':
      return (
        <FormattedMessage
          id="intents.reason.sameSector"
          values={{ sector: intl.formatMessage({ id: sectorMessageId(reason.sector) }) }}
        />
      );
    case 'same-country':
      return (
        <FormattedMessage
          id="intents.reason.sameCountry"
          values={{ country: countryName(reason.country) }}
        />
      );
    case 'provider-in-need-country':
      return (
        <FormattedMessage
          id="intents.reason.providerInNeedCountry"
          values={{ country: countryName(reason.country) }}
        />
      );
    case 'near': {
      const km = roughKm(reason.km);
      return km === null ? (
        <FormattedMessage id="intents.reason.veryNear" />
      ) : (
        <FormattedMessage
          id="intents.reason.near"
          values={{ km: <FormattedNumber value={km} /> }}
        />
      );
    }
    case 'shared-words': {
      // The words as written in the two postings, quoted as the reader's language quotes.
      const words = reason.words.slice(0, shownWords).map((word) => <q key={word}>{word}</q>);
      const list = intl.formatList(words, { type: 'conjunction' }) as ReactNode;
      const more = reason.words.length - shownWords;
      return more > 0 ? (
        <FormattedMessage id="intents.reason.sharedWordsMore" values={{ words: list, more }} />
      ) : (
        <FormattedMessage
          id="intents.reason.sharedWords"
          values={{ words: list, count: reason.words.length }}
        />
      );
    }
    case 'affiliation':
      return (
        <FormattedMessage
          id="intents.reason.affiliation"
          values={{
            member: reason.memberName,
            parent: reason.parentName,
            // 'member-of' → 'member': a message's select keys are plain words.
            kind: reason.kind.replace(/-of$/, ''),
          }}
        />
      );
    case 'partnership':
      return (
        <FormattedMessage
          id="intents.reason.partnership"
          values={{ kind: intl.formatMessage({ id: partnershipMessageId(reason.kind) }) }}
        />
      );
    case 'shared-parent':
      return (
        <FormattedMessage id="intents.reason.sharedParent" values={{ parent: reason.parentName }} />
      );
  }
}

/** Points out of 100, as the score is shown. */
export function points(value: number): number {
  return Math.round(value * 100);
}

/**
 * The score as a bar out of 100, then each component: its points out of its share, a bar, and
 * its reasons in words (or why it scored nothing).
 */
export function ScoreBreakdown({
  suggestion,
  labelId,
}: {
  suggestion: Suggestion;
  labelId: string;
}) {
  const intl = useIntl();
  const score = points(suggestion.score);
  return (
    <div className="score">
      <p className="score__total" id={labelId}>
        <FormattedMessage id="intents.suggestions.score" values={{ score }} />
      </p>
      <meter
        className="score__meter"
        min={0}
        max={100}
        low={40}
        high={70}
        optimum={100}
        value={score}
        aria-labelledby={labelId}
      />
      <ul className="score__components">
        {components.map((component) => {
          const value = suggestion.components[component.key];
          const got = points(value * component.weight);
          const max = points(component.weight);
          const reasons = suggestion.reasonCodes.filter((reason) =>
            (component.codes as readonly string[]).includes(reason.code),
          );
          return (
            <li key={component.key} className="score__component">
              <span className="score__name">
                <FormattedMessage id={component.label} />
              </span>{' '}
              <span className="score__points">
                <FormattedMessage
                  id="intents.suggestions.componentPoints"
                  values={{ points: got, max }}
                />
              </span>
              <span
                className="score__bar"
                aria-hidden="true"
                style={{ width: `${max}%` }}
                title={intl.formatMessage(
                  { id: 'intents.suggestions.componentPoints' },
                  { points: got, max },
                )}
              >
                <span className="score__fill" style={{ width: `${value * 100}%` }} />
              </span>
              <span className="score__reasons">
                {reasons.length === 0 || value === 0 ? (
                  <FormattedMessage id={component.none} />
                ) : (
                  reasons.map((reason, index) => (
                    <span key={reason.code}>
                      {index > 0 ? ' ' : null}
                      <Reason reason={reason} />
                    </span>
                  ))
                )}
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
