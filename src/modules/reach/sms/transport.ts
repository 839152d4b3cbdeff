// The SMS transport this module gives the outbox (`smsTransport` in its manifest): the provider
// REACH_SMS_PROVIDER names, behind the check that makes an opt-out count at once, even for a
// message queued before it.
import type { Config } from '../../../config.ts';
import { type SmsTransport, UndeliverableError } from '../../../platform/sms.ts';
import { africasTalkingProvider } from './providers/africastalking.ts';
import type { SmsProvider } from './providers/sms-provider.ts';
import { testProvider } from './providers/test-provider.ts';
import { twilioProvider } from './providers/twilio.ts';
import { isOptedOut } from './queries.ts';
import { templateOfLabel } from './templates/sms-templates.ts';

export function providerFor(config: Config): SmsProvider {
  const sms = config.reach.sms;
  switch (sms.provider) {
    case 'africastalking':
      return africasTalkingProvider(sms.africastalking);
    case 'twilio':
      return twilioProvider(sms.twilio);
    case 'test':
      return testProvider;
  }
}

export function smsTransportFor(config: Config): SmsTransport {
  const provider = providerFor(config);
  return {
    provider: provider.name,
    async send(ctx, sms) {
      const template = templateOfLabel(sms.template);
      if (!template?.reachesOptedOut && (await isOptedOut(ctx.db, sms.to)))
        throw new UndeliverableError('the recipient asked for no more messages (STOP)');
      return provider.send(ctx, sms);
    },
  };
}
