// Providers call back with HTML form bodies (application/x-www-form-urlencoded). Read here with
// the same care as JSON bodies (platform/well-formed-text.ts): escapes that are not UTF-8, a NUL
// or a lone surrogate in a name or a value are refused with the field they are in, rather than
// stored as U+FFFD or turned into a 500 by the database. Every pair is kept in order, duplicates
// included, as Twilio's signature covers them all.
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../../platform/errors.ts';
import { platformMessage } from '../../../platform/messages/platform-messages.ts';
import {
  decodeMarkingInvalid,
  textProblem,
  textProblemDetails,
} from '../../../platform/well-formed-text.ts';

export type FormBody = {
  /** Every name and value, in order. */
  pairs: Array<[string, string]>;
  /** The first value of each name. */
  fields: Record<string, string>;
};

function decodeComponent(text: string): string | undefined {
  const bytes: number[] = [];
  const plain = text.replaceAll('+', ' ');
  for (let at = 0; at < plain.length; ) {
    const character = plain[at] as string;
    if (character === '%') {
      const hex = plain.slice(at + 1, at + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) return undefined;
      bytes.push(Number.parseInt(hex, 16));
      at += 3;
    } else {
      const code = plain.codePointAt(at) as number;
      const encoded = Buffer.from(String.fromCodePoint(code), 'utf8');
      bytes.push(...encoded);
      at += code > 0xffff ? 2 : 1;
    }
  }
  return decodeMarkingInvalid(Buffer.from(bytes));
}

function fieldsError(
  pointer: string,
  detail: string,
  code: 'invalid-encoding' | 'control-characters' | 'invalid-format',
) {
  return new AppError(
    'validation-failed',
    platformMessage('problem.fields-to-correct', { place: 'body', count: 1 }),
    { errors: [{ pointer, detail, code }] },
  );
}

/** Parses a form body; throws a 400 naming the field whose text is not well-formed. */
export function parseFormBody(body: string): FormBody {
  const pairs: Array<[string, string]> = [];
  const fields: Record<string, string> = Object.create(null);
  for (const part of body.split('&')) {
    if (part === '') continue;
    const equals = part.indexOf('=');
    const rawName = equals === -1 ? part : part.slice(0, equals);
    const rawValue = equals === -1 ? '' : part.slice(equals + 1);
    const name = decodeComponent(rawName);
    const pointerName = name ?? rawName;
    const pointer = `/${pointerName.replaceAll('~', '~0').replaceAll('/', '~1')}`;
    if (name === undefined)
      throw fieldsError(
        `/${rawName}`,
        'Escapes in a form are % and two hexadecimal digits.',
        'invalid-format',
      );
    const value = decodeComponent(rawValue);
    if (value === undefined)
      throw fieldsError(
        pointer,
        'Escapes in a form are % and two hexadecimal digits.',
        'invalid-format',
      );
    const problem = textProblem(name) ?? textProblem(value);
    if (problem) throw fieldsError(pointer, textProblemDetails[problem], problem);
    pairs.push([name, value]);
    if (!(name in fields)) fields[name] = value;
  }
  return { pairs, fields };
}

/** Lets the routes of `app` (a plugin's scope) take form bodies. */
export function acceptFormBodies(app: FastifyInstance): void {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => {
      try {
        done(null, parseFormBody(body as string));
      } catch (error) {
        done(error as Error, undefined);
      }
    },
  );
}
