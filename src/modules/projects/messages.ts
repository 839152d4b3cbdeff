// The projects module's catalogue: what its use cases say (problem details), one
// `messages/<lang>.json` per shipped language.
import { defineCatalogue } from '../../platform/messages/catalogue.ts';

export type ProjectsMessageKey = keyof typeof import('./messages/en.json');

export const projectsMessages = defineCatalogue<ProjectsMessageKey>(
  'projects',
  new URL('./messages/', import.meta.url),
);
export const projectsMessage = projectsMessages.message;
