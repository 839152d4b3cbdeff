import { useIntl } from 'react-intl';
import type { Indicator } from '../../api/projects.ts';
import { formatAmount } from './money.ts';
import { indicatorMessageId } from './vocabulary.ts';

/**
 * An indicator's amount with its unit, in the reader's language: "120 people trained",
 * "US$700,000.00 mobilised". Money carries its currency and is never added to another.
 */
export function useFigureText() {
  const intl = useIntl();
  return (figure: { indicator: Indicator; amount: string; currency: string | null }) =>
    intl.formatMessage(
      { id: 'projects.figure.amount' },
      {
        amount: formatAmount(figure.amount, figure.currency, intl.locale),
        indicator: intl.formatMessage({ id: indicatorMessageId(figure.indicator) }),
      },
    );
}
