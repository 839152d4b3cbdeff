import type { Context } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { changeProject } from './change-project.ts';
import { projectsMessage } from './messages.ts';
import { countriesInUse, type ProjectValues, replaceCountries } from './queries.ts';
import { type Project, UpdateProjectInput } from './schemas.ts';

/**
 * The lead organizations' admins and network staff edit a project, sending the version they
 * read; a stale version gets 409 with the current copy. A country that results are recorded for
 * cannot be removed (the results would lose their place).
 */
export async function updateProject(
  ctx: Context,
  id: string,
  input: UpdateProjectInput,
): Promise<Project> {
  const { version, countries, ...fields } = UpdateProjectInput.parse(input);
  const changes: Partial<ProjectValues> = {};
  if (fields.title !== undefined) changes.title = fields.title;
  if (fields.summary !== undefined) changes.summary = fields.summary;
  if (fields.sector !== undefined) changes.sector = fields.sector;
  if (fields.status !== undefined) changes.status = fields.status;
  if (fields.startedOn !== undefined) changes.started_on = fields.startedOn;
  if (fields.endedOn !== undefined) changes.ended_on = fields.endedOn;
  if (fields.sources !== undefined) changes.sources = fields.sources;
  return changeProject(ctx, id, version, 'update-project', {
    fields: changes,
    check: (current) => {
      const startedOn = changes.started_on !== undefined ? changes.started_on : current.startedOn;
      const endedOn = changes.ended_on !== undefined ? changes.ended_on : current.endedOn;
      if (startedOn && endedOn && endedOn < startedOn)
        throw new AppError('validation-failed', projectsMessage('project.end-before-start'), {
          errors: [
            {
              pointer: '/endedOn',
              detail: `It starts on ${startedOn}.`,
              code: 'end-before-start',
              params: { start: startedOn },
            },
          ],
        });
    },
    apply: async (tx, current) => {
      if (!countries) return;
      const removed = current.countries.filter((country) => !countries.includes(country));
      const used = await countriesInUse(tx.db, id, removed);
      if (used.length > 0)
        throw new AppError(
          'validation-failed',
          projectsMessage('project.countries-in-use', { countries: used.join(', ') }),
          {
            errors: [
              {
                pointer: '/countries',
                detail: `Keep ${used.join(', ')}: figures refer to them.`,
                code: 'country-in-use',
                params: { countries: used.join(', ') },
              },
            ],
          },
        );
      await replaceCountries(tx.db, id, countries);
    },
  });
}
