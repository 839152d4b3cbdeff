import type { IntlShape } from 'react-intl';
import type { Chain, ChainTie, GraphEdge } from '../../api/graph.ts';
import { affiliationMessageId, partnershipMessageId } from '../../vocabulary.ts';

/** The sentence that says a tie in its own direction: "{from} is a member of {to}". */
export function tieSentenceId(edge: Pick<GraphEdge, 'type' | 'kind'>) {
  return `graph.sentence.${edge.kind}` as const;
}

/** A short label for a tie: "member", "funding"… (the shell's words for the kinds). */
export function tieKindId(edge: GraphEdge | ChainTie) {
  return edge.type === 'affiliation'
    ? affiliationMessageId(edge.kind)
    : partnershipMessageId(edge.kind);
}

/**
 * A chain of ties in words, one sentence per tie, in the order the chain walks them: each
 * sentence says its tie the way it points ("A is a member of B", "C funds B").
 */
export function describeChain(intl: IntlShape, chain: Chain): string[] {
  return chain.ties.map((tie, index) => {
    const here = chain.organizations[index];
    const next = chain.organizations[index + 1];
    const [from, to] = tie.forward ? [here, next] : [next, here];
    return intl.formatMessage(
      { id: tieSentenceId(tie) },
      { from: from?.name ?? '', to: to?.name ?? '' },
    );
  });
}
