// The SMS templates: fixed texts, one per language in the catalogue (`template.<name>.v<version>`),
// with placeholders only, as registered templates must be where a regulator asks for them
// (India's DLT). A changed text is a new version, so a registration names exactly one text. By
// default an SMS tells where to look, never what it would show there: no amounts, no names, no
// personal details, since a basic phone is often shared. The kinds of placeholder are few, and
// none takes free text; a one-time code appears only in a template that carries a secret.
import type { SmsMessageKey } from '../messages.ts';

/** What a placeholder may hold, and the most characters it takes (for segment counts). */
export const placeholderKinds = {
  /** An address of this instance (PUBLIC_URL and a path of at most 40 characters). */
  link: { maxExtra: 40 },
  /** A one-time code of 4 to 8 digits: only in a template that carries a secret. */
  'one-time-code': { max: 8 },
  /** A number of minutes, 1 to 999. */
  minutes: { max: 3 },
} as const;
export type PlaceholderKind = keyof typeof placeholderKinds;

export type SmsTemplate = {
  name: string;
  version: number;
  placeholders: Readonly<Record<string, PlaceholderKind>>;
  /** Its text holds a secret: erased from the outbox once the provider takes it. */
  carriesSecret: boolean;
  /** Sent even to a number that opted out: only the confirmation of the opt-out itself. */
  reachesOptedOut: boolean;
};

export const smsTemplates = {
  help: {
    name: 'help',
    version: 1,
    placeholders: { link: 'link' },
    carriesSecret: false,
    // A number that opted out may still ask what the messages were (as carriers require).
    reachesOptedOut: true,
  },
  news: {
    name: 'news',
    version: 1,
    placeholders: { link: 'link' },
    carriesSecret: false,
    reachesOptedOut: false,
  },
  'opted-out': {
    name: 'opted-out',
    version: 1,
    placeholders: {},
    carriesSecret: false,
    reachesOptedOut: true,
  },
  'opted-in': {
    name: 'opted-in',
    version: 1,
    placeholders: {},
    carriesSecret: false,
    reachesOptedOut: false,
  },
  'one-time-code': {
    name: 'one-time-code',
    version: 1,
    placeholders: { code: 'one-time-code', minutes: 'minutes' },
    carriesSecret: true,
    reachesOptedOut: false,
  },
} as const satisfies Record<string, SmsTemplate>;

export type SmsTemplateName = keyof typeof smsTemplates;
export const smsTemplateNames = Object.keys(smsTemplates) as [
  SmsTemplateName,
  ...SmsTemplateName[],
];

/** The catalogue key of a template's text. */
export function templateKey(template: SmsTemplate): SmsMessageKey {
  return `template.${template.name}.v${template.version}` as SmsMessageKey;
}

/** The name the outbox shows for a message of this template (`reach.help.v1`). */
export function templateLabel(template: SmsTemplate): string {
  return `reach.${template.name}.v${template.version}`;
}

/** The template a label names, if it is one of ours. */
export function templateOfLabel(label: string): SmsTemplate | undefined {
  return Object.values(smsTemplates).find((template) => templateLabel(template) === label);
}
