import { FormattedMessage, useIntl } from 'react-intl';
import type { Organization } from '../api/organizations.ts';
import { principleMessageId, principleNumbers } from '../vocabulary.ts';

const maxScore = 4;

/** The seven principles, each a bar from 0 to 4, with the score also said in words. */
export function PrinciplesChart({ principles }: { principles: Organization['principles'] }) {
  const intl = useIntl();
  const byNumber = new Map(principles.map((entry) => [entry.principle, entry]));
  return (
    <ol className="principles">
      {principleNumbers.map((principle) => {
        const entry = byNumber.get(principle);
        return (
          <li key={principle} className="principle">
            <span className="principle__name">
              <FormattedMessage id={principleMessageId(principle)} />
            </span>
            <span className="principle__bar" aria-hidden="true">
              {entry
                ? Array.from({ length: maxScore }, (_, step) => (
                    <span
                      // biome-ignore lint/suspicious/noArrayIndexKey: four fixed steps.
                      key={step}
                      className={
                        step < entry.score
                          ? 'principle__step principle__step--on'
                          : 'principle__step'
                      }
                    />
                  ))
                : null}
            </span>
            <span className="principle__score">
              {entry
                ? intl.formatMessage(
                    { id: 'profile.principleScore' },
                    { score: entry.score, max: maxScore },
                  )
                : intl.formatMessage({ id: 'profile.principleNotAssessed' })}
            </span>
            {entry?.evidence ? <p className="principle__evidence">{entry.evidence}</p> : null}
          </li>
        );
      })}
    </ol>
  );
}
