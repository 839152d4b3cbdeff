// The projects module: development projects, the organizations taking part in them and in which
// role, their targets and results as typed figures, and the network's impact summed from those
// results. Other modules and adapters use it only through this file.

export { addProjectParticipant } from './add-project-participant.ts';
export { checkImpactTotals } from './check-impact-totals.ts';
export { createProject } from './create-project.ts';
export { findProjects } from './find-projects.ts';
export { getImpact } from './get-impact.ts';
export { getProject } from './get-project.ts';
export { projectScopeExists } from './project-scope.ts';
export { recordProjectFigure } from './record-project-figure.ts';
export { insertProjectRows, type ProjectRows, readProjectRows } from './registry-rows.ts';
export { removeProjectParticipant } from './remove-project-participant.ts';
export { projectRoutes } from './routes.ts';
export type {
  AddParticipantInput,
  Impact,
  Project,
  ProjectPage,
  RemoveParticipantInput,
  UpdateProjectInput,
  WithdrawFigureInput,
} from './schemas.ts';
// The inputs' schemas, as types and as the rules the registry's import checks its rows by.
export { CreateProjectInput, ParticipantInput, RecordFigureInput } from './schemas.ts';
export { updateProject } from './update-project.ts';
export { withdrawProjectFigure } from './withdraw-project-figure.ts';
