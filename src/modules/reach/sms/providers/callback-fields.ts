// Reading a provider's callback fields: present, not too long, a phone in E.164.
import type { FieldError } from '../../../../platform/errors.ts';
import { parsePhone } from '../../../../platform/phone.ts';

export class CallbackFields {
  readonly errors: FieldError[] = [];
  constructor(private readonly fields: Record<string, string>) {}

  has(name: string): boolean {
    return this.fields[name] !== undefined;
  }

  /** A field that must be there and hold at most `max` characters. */
  required(name: string, max: number): string {
    const value = this.fields[name];
    if (value === undefined || value.trim() === '') {
      this.errors.push({ pointer: `/${name}`, detail: `Send ${name}.`, code: 'required' });
      return '';
    }
    if (value.length > max) {
      this.errors.push({
        pointer: `/${name}`,
        detail: `Must be at most ${max} characters.`,
        code: 'too-long',
        params: { maximum: max },
      });
      return '';
    }
    return value;
  }

  optional(name: string, max: number): string | undefined {
    const value = this.fields[name];
    return value === undefined || value === '' ? undefined : value.slice(0, max);
  }

  /** A phone number in international form, as providers send them. */
  phone(name: string): string {
    const value = this.required(name, 32);
    if (value === '') return '';
    const parsed = /^\+[0-9 ]+$/.test(value.trim()) ? parsePhone(value.trim()) : undefined;
    if (!parsed?.ok) {
      this.errors.push({
        pointer: `/${name}`,
        detail: 'Must be a phone number in international form, such as +254711000000.',
        code: 'invalid-phone',
        params: { reason: 'not-a-number' },
      });
      return '';
    }
    return parsed.e164;
  }
}
