// The local test provider (REACH_SMS_PROVIDER=test, the default): it sends nothing and records
// what it would have sent in reach_sms_test_message, for trials of a new instance, the tests
// and the benchmark. It takes every message at once, as delivered.
import { newId } from '../../../../platform/ids.ts';
import { recordTestMessage } from '../queries.ts';
import type { SmsProvider } from './sms-provider.ts';

export const testProvider: SmsProvider = {
  name: 'test',
  async send(ctx, sms) {
    const id = await recordTestMessage(ctx.db, {
      id: `test-${newId()}`,
      outbox_message_id: sms.messageId,
      recipient: sms.to,
      template: sms.template,
      body: sms.text,
    });
    return { providerMessageId: id, state: 'delivered' };
  },
};
