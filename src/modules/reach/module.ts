// What the reach module plugs into the platform (see platform/modules.ts). For now its SMS part:
// the segment counter, the providers' callbacks, the templates' list and the SMS transport the
// outbox delivers with.
import type { IntercoopModule } from '../../platform/modules.ts';
import { smsMessages } from './sms/messages.ts';
import { smsRoutes } from './sms/routes.ts';
import { smsTransportFor } from './sms/transport.ts';

export const reachModule: IntercoopModule = {
  name: 'reach',
  messages: smsMessages,
  routes: [{ prefix: '/api/reach/sms', plugin: smsRoutes }],
  smsTransport: (config) => smsTransportFor(config),
};
