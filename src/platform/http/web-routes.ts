// The paths the web app answers. The server sends index.html with 200 for these and with 404
// for anything else, so that unknown addresses are reported as such to browsers and crawlers.
const webRoutes: RegExp[] = [
  /^\/$/,
  /^\/organizations\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  /^\/sign-in$/,
  /^\/invitations\/accept$/,
  /^\/password-reset$/,
  /^\/account$/,
  /^\/admin(\/(tokens|audit|exchange))?$/,
];

export function isWebRoute(path: string): boolean {
  return webRoutes.some((pattern) => pattern.test(path));
}
