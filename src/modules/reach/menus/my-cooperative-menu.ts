// "My cooperative": its name, the member's membership, and whom to call (its phone). A member of
// several organizations chooses one first.
import { AppError } from '../../../platform/errors.ts';
import { type PhoneMenu, phoneScreen, type ScreenView } from '../../../platform/menus.ts';
import { selectorOf } from '../../../platform/messages/catalogue.ts';
import { reachMessage } from '../messages.ts';
import { type MemberCooperative, memberCooperatives } from './member-cooperatives.ts';

type Shown = { name: string; kind: string; since: string; phone: string | null };

const shown = ({ membership, organization }: MemberCooperative): Shown => ({
  name: organization.name,
  kind: membership.kind,
  since: membership.startedOn,
  phone: organization.contacts.phone ?? null,
});

function cooperativeView(cooperative: Shown): ScreenView {
  return {
    lines: [
      { record: cooperative.name },
      reachMessage('cooperative.membership', {
        kind: selectorOf(cooperative.kind),
        // The year is enough to say how long, and leaves room for the name.
        since: cooperative.since.slice(0, 4),
      }),
      cooperative.phone
        ? reachMessage('cooperative.call', { phone: cooperative.phone })
        : reachMessage('cooperative.no-phone'),
    ],
  };
}

const longName = 'Gujarat State Women’s SEWA Co-operative Federation Ltd and its many members';
const example = (kind: string, phone: string | null, name = longName) => ({
  name,
  kind,
  since: '2024-02-01',
  phone,
});

export const myCooperativeMenu: PhoneMenu = {
  name: 'reach.my-cooperative',
  title: reachMessage('menu.my-cooperative'),
  start: 'start',
  screens: {
    start: phoneScreen<Shown[]>({
      load: async (caller) => (await memberCooperatives(caller)).map(shown),
      view: (cooperatives) => {
        const [only] = cooperatives;
        if (cooperatives.length === 0) return { lines: [reachMessage('cooperative.none')] };
        if (cooperatives.length === 1 && only) return cooperativeView(only);
        return {
          lines: [reachMessage('cooperative.choose')],
          options: cooperatives.slice(0, 4).map((cooperative, index) => ({
            label: { record: cooperative.name },
            to: { screen: 'cooperative', state: { index: String(index) } },
          })),
        };
      },
      examples: [
        { data: [], state: {} },
        ...['worker-member', 'farmer-member', 'member', 'employee'].map((kind) => ({
          data: [example(kind, '+919876543210')],
          state: {},
        })),
        { data: [example('member', null, 'लोक स्वास्थ्य सेवा मंडली सहकारी')], state: {} },
        {
          data: [1, 2, 3, 4, 5].map((n) => example('member', null, `${longName} ${n}`)),
          state: {},
        },
      ],
    }),
    cooperative: phoneScreen<Shown>({
      load: async (caller, state) => {
        const found = (await memberCooperatives(caller))[Number(state.index)];
        if (!found) throw new AppError('not-found', reachMessage('cooperative.none'));
        return shown(found);
      },
      view: cooperativeView,
      examples: [
        { data: example('farmer-member', '+254712345678'), state: { index: '1' } },
        { data: example('worker-member', null), state: { index: '0' } },
      ],
    }),
  },
};
