// An invitation made by the network admin, and the token its mail carries: for tests that
// accept one themselves (to choose the name or the password).
import type { RoleGrant } from '../src/platform/access.ts';
import { tokenFrom } from './mail-sink.ts';
import type { TestApi } from './test-api.ts';

export async function invitationToken(
  api: TestApi,
  email: string,
  roles: RoleGrant[],
): Promise<string> {
  const invited = await api.admin.request({
    method: 'POST',
    url: '/api/accounts/invitations',
    payload: { email, roles },
  });
  if (invited.statusCode !== 201) throw new Error(`invitation failed: ${invited.body}`);
  return tokenFrom(await api.mail.waitFor(email, /invited/));
}
