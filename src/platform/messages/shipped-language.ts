import { AppError } from '../errors.ts';
import { listMessage } from './catalogue.ts';
import { platformMessage, shippedLanguages } from './platform-messages.ts';

/** Refuses (400, on `pointer`) a language this instance does not ship: it has no words in it. */
export function assertShippedLanguage(language: string, pointer: string): void {
  if (shippedLanguages.includes(language)) return;
  const options = shippedLanguages.join(', ');
  throw new AppError(
    'validation-failed',
    platformMessage('language.not-shipped', {
      language,
      languages: listMessage(shippedLanguages, 'disjunction'),
    }),
    {
      errors: [
        {
          pointer,
          detail: `Use one of: ${options}.`,
          code: 'invalid-option',
          params: { options },
        },
      ],
    },
  );
}
