import type { FastifyRequest } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { fieldErrorsOfInput } from '../../platform/field-error-schemas.ts';
import { isFieldErrorCode } from '../../platform/field-errors.ts';
import { errorToProblem } from '../../platform/http/problem.ts';
import { CreateOrganizationInput, UpdateOrganizationInput } from './schemas.ts';

// What the route answers for a body its schema refuses, as Fastify hands the issues over.
function serverErrors(
  schema: typeof CreateOrganizationInput | typeof UpdateOrganizationInput,
  body: unknown,
) {
  const result = validatorCompiler({ schema } as never)(body as never) as { error?: unknown[] };
  if (!result.error) return [];
  const error = Object.assign(new Error('validation'), {
    validation: result.error,
    validationContext: 'body',
  });
  const draft = errorToProblem(error, { body } as unknown as FastifyRequest);
  return (draft.errors ?? []).map(({ pointer, code, params }) => ({ pointer, code, params }));
}

// What the web app finds with the same schema before sending (forms/input-check.ts).
function clientErrors(
  schema: typeof CreateOrganizationInput | typeof UpdateOrganizationInput,
  body: unknown,
) {
  const result = schema.safeParse(body);
  if (result.success) return [];
  return fieldErrorsOfInput(result.error.issues, body, isFieldErrorCode).map(
    ({ pointer, code, params }) => ({ pointer, code, params }),
  );
}

const tenWrong = {
  name: 'N'.repeat(201),
  shortName: '<b>SKS</b>',
  kind: 'cooperative',
  sector: 'agriculture',
  country: 'IN',
  foundingYear: 1700,
  members: { total: -5 },
  employees: 2.5,
  website: 'not a web address',
  contacts: { email: 'nobody', phone: '12' },
  languages: ['xx'],
  coordinates: { lat: 95, lon: 72.9 },
};

describe('a zod issue as a field error', () => {
  it('gives the web app the codes, params and pointers the server answers for the same body', () => {
    const client = clientErrors(CreateOrganizationInput, tenWrong);
    expect(client).toEqual(serverErrors(CreateOrganizationInput, tenWrong));
    expect(client.map(({ pointer, code }) => `${pointer} ${code}`).sort()).toEqual([
      '/contacts/email invalid-format',
      '/contacts/phone invalid-format',
      '/coordinates/lat too-big',
      '/employees invalid-type',
      '/foundingYear too-small',
      '/languages/0 unknown-code',
      '/members/total too-small',
      '/name too-long',
      '/shortName markup',
      '/website invalid-format',
    ]);
    expect(client.find((error) => error.pointer === '/contacts/phone')?.params).toEqual({
      format: 'phone',
    });
  });

  it('tells a missing value from a wrong one, and names each unknown field', () => {
    const body = { version: 'three', kind: 'bank', colour: 'red', 'a/b': 1 };
    const client = clientErrors(UpdateOrganizationInput, body);
    expect(client).toEqual(serverErrors(UpdateOrganizationInput, body));
    expect(client).toEqual(
      expect.arrayContaining([
        { pointer: '/version', code: 'invalid-type', params: { expected: 'number' } },
        { pointer: '/kind', code: 'invalid-option', params: expect.objectContaining({}) },
        { pointer: '/colour', code: 'unknown-field', params: { field: 'colour' } },
        { pointer: '/a~1b', code: 'unknown-field', params: { field: 'a/b' } },
      ]),
    );
    const missing = clientErrors(CreateOrganizationInput, { kind: 'cooperative' });
    expect(missing).toEqual(serverErrors(CreateOrganizationInput, { kind: 'cooperative' }));
    expect(
      missing.filter((error) => error.code === 'required').map((error) => error.pointer),
    ).toEqual(['/name', '/country']);
    // An enum left out is, to zod, a value not among the options: the server says the same.
    expect(missing.find((error) => error.pointer === '/sector')?.code).toBe('invalid-option');
  });

  it('keeps a custom code only when the reader knows it', () => {
    const body = { ...tenWrong, shortName: 'SKS', name: 'Coop\u202Egnp.exe' };
    const known = fieldErrorsOfInput(
      CreateOrganizationInput.safeParse(body).error?.issues ?? [],
      body,
      () => true,
    );
    expect(known.find((error) => error.pointer === '/name')).toMatchObject({
      code: 'hidden-characters',
      params: { reason: 'direction-control' },
    });
    const unknown = fieldErrorsOfInput(
      CreateOrganizationInput.safeParse(body).error?.issues ?? [],
      body,
      () => false,
    );
    expect(unknown.find((error) => error.pointer === '/name')?.code).toBe('invalid');
  });
});
