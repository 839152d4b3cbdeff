// What the reach module plugs into the platform (see platform/modules.ts): the phone channel's
// routes, the words of its audit log, the sweep of its sessions and counters, its phone menus
// (registry level: my cooperative, offers and needs, language, help), the demo members'
// phones and PIN, and its SMS part: the segment counter, the providers' callbacks, the
// templates' list and the transport the outbox sends SMS with (`sms/`, its own catalogue).
import type { IntercoopModule } from '../../platform/modules.ts';
import { reachDemo } from './demo/reach-demo.ts';
import { intentsMenu } from './menus/intents-menu.ts';
import { helpMenu, languageMenu } from './menus/language-menu.ts';
import { myCooperativeMenu } from './menus/my-cooperative-menu.ts';
import { reachMessages } from './messages.ts';
import { sweepUssd } from './queries.ts';
import { reachRoutes } from './routes.ts';
import { smsRoutes } from './sms/routes.ts';
import { smsTransportFor } from './sms/transport.ts';

declare module '../../platform/demo.ts' {
  interface DemoCounts {
    phoneMembers: number;
  }
}

export const reachModule: IntercoopModule = {
  name: 'reach',
  messages: reachMessages,
  routes: [
    { prefix: '/api/reach', plugin: reachRoutes },
    { prefix: '/api/reach/sms', plugin: smsRoutes },
  ],
  smsTransport: (config) => smsTransportFor(config),
  audit: {
    actions: ['set-phone-pin', 'reset-phone-pin', 'record-intent-interest', 'remove-demo-phones'],
    entityTypes: ['phone-pin', 'intent-interest'],
  },
  schedules: [
    {
      // Hop counters of past minutes and sessions quiet for an hour are of no more use.
      name: 'reach.ussd.sweep',
      cron: '*/5 * * * *',
      timeLimitSeconds: 60,
      handle: async (ctx, slot) => {
        await sweepUssd(
          ctx.db,
          new Date(slot.getTime() - 120_000),
          new Date(slot.getTime() - 3_600_000),
        );
      },
    },
  ],
  menus: [myCooperativeMenu, intentsMenu, languageMenu, helpMenu],
  demo: reachDemo,
};
