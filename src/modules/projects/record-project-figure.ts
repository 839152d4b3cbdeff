import type { Context } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { moneyOf } from '../../platform/money.ts';
import { changeProject } from './change-project.ts';
import { projectsMessage } from './messages.ts';
import { insertFigure } from './queries.ts';
import { type Project, RecordFigureInput } from './schemas.ts';

/**
 * Records a target or a result. It carries the project's version, so a retried or doubled
 * submission is refused (409) instead of counted twice in the network's impact.
 * The country is one of the project's; omitted in a one-country project, it is that country;
 * omitted (or null) in a multi-country project, the figure is not attributed to any one country.
 */
export async function recordProjectFigure(
  ctx: Context,
  projectId: string,
  input: RecordFigureInput,
): Promise<Project> {
  const { version, ...figure } = RecordFigureInput.parse(input);
  return changeProject(ctx, projectId, version, `record-project-${figure.kind}`, {
    apply: async (tx, current) => {
      let country = figure.country ?? null;
      if (country === null && current.countries.length === 1)
        country = current.countries[0] ?? null;
      if (country !== null && !current.countries.includes(country))
        throw new AppError(
          'validation-failed',
          projectsMessage('project.country-not-in-project', {
            countries: current.countries.join(', '),
          }),
          {
            errors: [
              {
                pointer: '/country',
                detail: `Use one of the project's countries (${current.countries.join(', ')}) or null.`,
                code: 'country-not-in-project',
                params: { countries: current.countries.join(', ') },
              },
            ],
          },
        );
      const money = figure.currency !== undefined;
      await insertFigure(tx.db, {
        id: newId(),
        project_id: projectId,
        kind: figure.kind,
        indicator: figure.indicator,
        quantity: money ? null : figure.amount,
        amount_minor: money
          ? moneyOf(figure.amount, figure.currency as string).minor.toString()
          : null,
        currency: figure.currency ?? null,
        country,
        period_year: figure.period,
        note: figure.note ?? null,
        source: figure.source ?? null,
        created_at: tx.now(),
      });
    },
  });
}
