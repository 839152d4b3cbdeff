// A template's text in a language, its placeholders checked by their kinds: nothing but what the
// template declares, each of its form, so that no caller can slip an amount or a name in.
import { shippedLanguages } from '../../../../platform/messages/platform-messages.ts';
import { smsMessages } from '../messages.ts';
import {
  type PlaceholderKind,
  placeholderKinds,
  type SmsTemplate,
  templateKey,
} from './sms-templates.ts';

export type TemplateParams = Readonly<Record<string, string>>;

function fitsKind(kind: PlaceholderKind, value: string, publicUrl: string): boolean {
  switch (kind) {
    case 'link': {
      if (value !== publicUrl && !value.startsWith(`${publicUrl}/`)) return false;
      const extra = value.slice(publicUrl.length);
      return (
        extra.length <= placeholderKinds.link.maxExtra && /^[A-Za-z0-9/._~%#?=&-]*$/.test(extra)
      );
    }
    case 'one-time-code':
      return /^[0-9]{4,8}$/.test(value);
    case 'minutes':
      return /^[1-9][0-9]{0,2}$/.test(value);
  }
}

/**
 * The text of `template` in `language` (or English where the language is not shipped). A param
 * missing, extra or not of its kind is a mistake of the calling code: it throws.
 */
export function wordTemplate(
  template: SmsTemplate,
  language: string,
  params: TemplateParams,
  publicUrl: string,
): string {
  const declared = Object.keys(template.placeholders).sort();
  const given = Object.keys(params).sort();
  if (declared.join(',') !== given.join(','))
    throw new Error(
      `the SMS template ${template.name} takes ${declared.join(', ') || 'no placeholders'}, not ${given.join(', ') || 'none'}`,
    );
  for (const [name, kind] of Object.entries(template.placeholders)) {
    if (!fitsKind(kind, params[name] as string, publicUrl))
      throw new Error(
        `the placeholder ${name} of the SMS template ${template.name} must be a ${kind}`,
      );
  }
  const shipped = shippedLanguages.includes(language) ? language : 'en';
  return smsMessages.format(shipped, templateKey(template), params);
}

/** The longest value a placeholder of this kind takes: what segment counts assume. */
export function longestValue(kind: PlaceholderKind, publicUrl: string): string {
  switch (kind) {
    case 'link':
      return `${publicUrl}/${'x'.repeat(placeholderKinds.link.maxExtra - 1)}`;
    case 'one-time-code':
      return '9'.repeat(placeholderKinds['one-time-code'].max);
    case 'minutes':
      return '9'.repeat(placeholderKinds.minutes.max);
  }
}
