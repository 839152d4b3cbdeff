// What a name must not hide. A name is shown inline, beside other text, in lists, mail and SMS:
// characters that reorder what follows them make "Coop \u202Egnp.exe\u202C Ltd" show as
// "Coop exe.png Ltd"; tag characters are invisible and carry text nobody sees; a name made only
// of zero-width spaces looks empty. Joiners inside a word stay allowed: Hindi and Persian need them.
import type { z } from 'zod';

export type HiddenText = 'direction-control' | 'tag-character' | 'nothing-visible';

// Embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069). The marks U+200E, U+200F
// and U+061C reorder nothing around them and are left alone.
const directionControl = /[\u202A-\u202E\u2066-\u2069]/u;
const tagCharacter = /[\u{E0000}-\u{E007F}]/u;
// Characters that show nothing: default-ignorable ones (zero-width spaces and joiners, fillers,
// soft hyphens...), white space, and the blank Braille pattern.
const showsNothing = /[\p{Default_Ignorable_Code_Point}\p{White_Space}\u2800]/gu;

export function hiddenTextIn(value: string): HiddenText | undefined {
  if (directionControl.test(value)) return 'direction-control';
  if (tagCharacter.test(value)) return 'tag-character';
  if (value.length > 0 && value.replace(showsNothing, '').length === 0) return 'nothing-visible';
  return undefined;
}

const details: Record<HiddenText, string> = {
  'direction-control':
    'Must not contain invisible characters that change the direction of the text around them.',
  'tag-character': 'Must not contain invisible tag characters.',
  'nothing-visible':
    'Must contain visible letters, digits or signs, not only invisible characters.',
};

/** For a name's schema: `.superRefine(refuseHiddenText)`, with the field error `hidden-characters`. */
export function refuseHiddenText(value: string, ctx: z.RefinementCtx): void {
  const found = hiddenTextIn(value);
  if (!found) return;
  ctx.addIssue({
    code: 'custom',
    message: details[found],
    params: { code: 'hidden-characters', reason: found },
  });
}
