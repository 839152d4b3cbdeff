import type { MessageId } from './locales.ts';

// Lets TypeScript reject a message id that is not in en.json (react-intl's documented hook,
// which needs interface merging).
declare global {
  namespace FormatjsIntl {
    interface Message {
      ids: MessageId;
    }
  }
}
