import { lazy, Suspense } from 'react';
import { FormattedMessage } from 'react-intl';
import { Link } from 'wouter';
import type { Ties } from '../../api/organizations.ts';
import './graph.css';

// Only those who may record ties fetch the forms' code.
const TieEditor = lazy(() =>
  import('./tie-editor.tsx').then((module) => ({ default: module.TieEditor })),
);

type TieToolsProps = {
  organization: { id: string; name: string };
  ties: Ties | null;
  /** Whether this person may record and end this organization's ties. */
  mayEdit: boolean;
  onTiesChanged: (ties: Ties) => void;
};

/** Under an organization's ties: its relation graph, introductions, and the tie forms. */
export function TieTools({ organization, ties, mayEdit, onTiesChanged }: TieToolsProps) {
  return (
    <>
      <ul className="tie-tools">
        <li>
          <Link href={`/organizations/${organization.id}/graph`}>
            <FormattedMessage id="graph.profile.graphLink" />
          </Link>
        </li>
        <li>
          <Link href={`/introductions?from=${organization.id}`}>
            <FormattedMessage id="graph.profile.introductionsLink" />
          </Link>
        </li>
      </ul>
      {mayEdit && ties ? (
        <Suspense
          fallback={
            <p role="status">
              <FormattedMessage id="graph.tie.loadingForms" />
            </p>
          }
        >
          <TieEditor organization={organization} ties={ties} onTiesChanged={onTiesChanged} />
        </Suspense>
      ) : null}
    </>
  );
}
