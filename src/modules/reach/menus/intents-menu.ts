// "Offers and needs": the open ones of the member's cooperative's sector that apply in its country
// (or anywhere), newest first, three a screen; one of them in full; "I am interested", recorded
// once, the offering organization told. The member's cooperative is their oldest current
// membership's organization.
import { AppError } from '../../../platform/errors.ts';
import type { MenuCaller } from '../../../platform/menus.ts';
import { type PhoneMenu, phoneScreen, type ScreenOption } from '../../../platform/menus.ts';
import { findIntents, getIntent, getOrganization } from '../../network/index.ts';
import { recordIntentInterest } from '../interests/record-intent-interest.ts';
import { reachMessage } from '../messages.ts';
import { memberCooperatives } from './member-cooperatives.ts';

const perScreen = 3;

async function myCooperative(caller: MenuCaller) {
  const [first] = await memberCooperatives(caller);
  if (!first) throw new AppError('not-found', reachMessage('cooperative.none'));
  return first.organization;
}

/** The offer or need, if it is open to the member's cooperative; else the screen says it is gone. */
async function openIntent(caller: MenuCaller, intentId: string | undefined) {
  const cooperative = await myCooperative(caller);
  const intent = intentId
    ? await getIntent(caller.ctx, intentId).catch(() => undefined)
    : undefined;
  const applies =
    intent &&
    intent.status === 'open' &&
    !intent.expired &&
    intent.sector === cooperative.sector &&
    intent.organizationId !== cooperative.id &&
    (intent.countries.length === 0 || intent.countries.includes(cooperative.country));
  if (!intent || !applies) throw new AppError('gone', reachMessage('intents.gone'));
  return { intent, cooperative };
}

type Listed = { items: { id: string; title: string }[]; nextCursor: string | null };
type Detail = { direction: 'offer' | 'need'; title: string; organizationName: string };
type Told = { organizationName: string };

const longTitle = 'Organic farming training for women’s cooperatives, with compost and seed saving';

export const intentsMenu: PhoneMenu = {
  name: 'reach.intents',
  title: reachMessage('menu.intents'),
  start: 'list',
  screens: {
    list: phoneScreen<Listed>({
      load: async (caller, state) => {
        const cooperative = await myCooperative(caller);
        const page = await findIntents(caller.ctx, {
          sector: cooperative.sector,
          country: cooperative.country,
          status: 'open',
          limit: perScreen,
          ...(state.cursor ? { cursor: state.cursor } : {}),
        });
        return {
          items: page.items
            .filter((intent) => intent.organizationId !== cooperative.id)
            .map((intent) => ({ id: intent.id, title: intent.title })),
          nextCursor: page.nextCursor,
        };
      },
      view: ({ items, nextCursor }) => {
        const options: ScreenOption[] = items.map((item) => ({
          label: { record: item.title },
          to: { screen: 'intent', state: { intentId: item.id } },
        }));
        if (nextCursor)
          options.push({
            label: reachMessage('ussd.more'),
            to: { screen: 'list', state: { cursor: nextCursor } },
          });
        if (options.length === 0) return { lines: [reachMessage('intents.none')] };
        return { lines: [], options };
      },
      examples: [
        { data: { items: [], nextCursor: null }, state: {} },
        {
          data: {
            items: [1, 2, 3].map((n) => ({ id: `${n}`, title: `${longTitle} ${n}` })),
            nextCursor: 'next',
          },
          state: {},
        },
        {
          data: {
            items: [{ id: '1', title: 'जैविक खेती का प्रशिक्षण, महिलाओं की सहकारी समितियों के लिए' }],
            nextCursor: null,
          },
          state: { cursor: 'next' },
        },
      ],
    }),
    intent: phoneScreen<Detail>({
      load: async (caller, state) => {
        const { intent } = await openIntent(caller, state.intentId);
        return {
          direction: intent.direction,
          title: intent.title,
          organizationName: intent.organizationName,
        };
      },
      view: (detail, state) => ({
        lines: [
          {
            label: reachMessage(detail.direction === 'offer' ? 'intents.offer' : 'intents.need'),
            record: detail.organizationName,
          },
          { record: detail.title },
        ],
        options: [
          {
            label: reachMessage('intents.interested'),
            to: { screen: 'interested', state: { intentId: state.intentId ?? '' } },
          },
        ],
      }),
      examples: [
        {
          data: {
            direction: 'offer',
            title: longTitle,
            organizationName: 'Gujarat State Women’s SEWA Co-operative Federation Ltd',
          },
          state: { intentId: '1' },
        },
        {
          data: {
            direction: 'need',
            title: 'सौर मिनी-ग्रिड रखरखाव प्रशिक्षण',
            organizationName: 'Totota Electric Cooperative',
          },
          state: { intentId: '1' },
        },
      ],
    }),
    interested: phoneScreen<Told>({
      enter: async (caller, state) => {
        const { intent, cooperative } = await openIntent(caller, state.intentId);
        const { recorded } = await recordIntentInterest(caller.ctx, {
          personId: caller.personId,
          intentId: intent.id,
          intentOrganizationId: intent.organizationId,
          organizationId: cooperative.id,
        });
        return { already: recorded ? 'no' : 'yes' };
      },
      load: async (caller, state) => {
        const intent = await getIntent(caller.ctx, state.intentId ?? '');
        return {
          organizationName: (await getOrganization(caller.ctx, intent.organizationId)).name,
        };
      },
      view: (told, state) => ({
        lines: [
          reachMessage(state.already === 'yes' ? 'intents.told-already' : 'intents.told'),
          { record: told.organizationName },
        ],
      }),
      examples: [
        {
          data: { organizationName: 'NRECA International and its many partners everywhere' },
          state: { already: 'no' },
        },
        { data: { organizationName: 'लोक स्वास्थ्य सेवा मंडली' }, state: { already: 'yes' } },
      ],
    }),
  },
};
