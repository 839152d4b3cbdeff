// The paths the web app answers. The server sends index.html with 200 for these and with 404
// for anything else, so that unknown addresses are reported as such to browsers and crawlers.
const webRoutes: RegExp[] = [
  /^\/$/,
  /^\/organizations\/new$/,
  /^\/organizations\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  /^\/organizations\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/graph$/i,
  /^\/introductions$/,
  /^\/sign-in$/,
  /^\/invitations\/accept$/,
  /^\/password-reset$/,
  /^\/account$/,
  /^\/offers-and-needs$/,
  /^\/offers-and-needs\/new$/,
  /^\/offers-and-needs\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(\/edit)?$/i,
  /^\/projects$/,
  /^\/projects\/new$/,
  /^\/projects\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(\/edit)?$/i,
  /^\/statistics$/,
  /^\/admin(\/(members|tokens|audit|exchange|outbox))?$/,
];

export function isWebRoute(path: string): boolean {
  return webRoutes.some((pattern) => pattern.test(path));
}
