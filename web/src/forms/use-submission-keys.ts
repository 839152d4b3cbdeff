import { useState } from 'react';
import { type SubmissionKeys, submissionKeys } from '../api/submission-keys.ts';

/**
 * The Idempotency-Keys of one form's creating requests, kept for as long as the form is shown:
 * pass them to the creating call, which keeps a key while the same request is sent again.
 */
export function useSubmissionKeys(): SubmissionKeys {
  const [keys] = useState(() => submissionKeys());
  return keys;
}
