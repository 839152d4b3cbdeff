// The outbox (network admins): the mail the instance sends, waiting, delivered or failed, with the
// mail server's last error; a failed message can be sent again while its link works. Beside it,
// the job queues with their jobs by state. Message texts never leave the server.
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import {
  findOutboxMessages,
  listQueues,
  type OutboxMessageView,
  type OutboxStatus,
  type QueueSummary,
  retryOutboxMessage,
} from '../../api/admin.ts';
import { nextCursorOf, type Page } from '../../data/query-client.ts';
import { SelectField } from '../../forms/fields.tsx';
import type { MessageId } from '../../i18n/locales.ts';
import { Notice, ProblemText, When } from './admin-ui.tsx';

const pageSize = 20;
const statuses: OutboxStatus[] = ['pending', 'failed', 'delivered'];
const jobStates = ['created', 'retry', 'active', 'completed', 'failed', 'cancelled'] as const;

type Feedback = { kind: 'success' | 'error'; title: ReactNode; body?: ReactNode; key: number };

export function OutboxTab() {
  const intl = useIntl();
  const [status, setStatus] = useState<OutboxStatus | ''>('');
  const [feedback, setFeedbackState] = useState<Feedback | null>(null);
  const setFeedback = (next: Omit<Feedback, 'key'>) =>
    setFeedbackState({ ...next, key: Date.now() });
  const queryClient = useQueryClient();
  const queryKey = ['platform', 'outbox', status];
  const list = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam, signal }) =>
      findOutboxMessages(
        { status: status || undefined, cursor: pageParam, limit: pageSize },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: nextCursorOf,
  });
  const messages = list.data ? list.data.pages.flatMap((page) => page.items) : null;
  const nextCursor = list.data?.pages.at(-1)?.nextCursor ?? null;
  const loadError = list.isError ? list.error : null;
  const loadingMore = list.isFetchingNextPage;

  const retry = async (message: OutboxMessageView) => {
    try {
      const updated = await retryOutboxMessage(message.id);
      queryClient.setQueryData(
        queryKey,
        (shown: { pages: Page<OutboxMessageView>[] } | undefined) =>
          shown
            ? {
                ...shown,
                pages: shown.pages.map((page) => ({
                  ...page,
                  items: page.items.map((entry) => (entry.id === updated.id ? updated : entry)),
                })),
              }
            : shown,
      );
      setFeedback({
        kind: 'success',
        title: <FormattedMessage id="admin.outbox.retried" values={{ to: message.to }} />,
      });
    } catch (error) {
      setFeedback({
        kind: 'error',
        title: <FormattedMessage id="admin.outbox.retryFailed" values={{ to: message.to }} />,
        body: <ProblemText error={error} />,
      });
    }
  };

  return (
    <section aria-labelledby="outbox-title">
      <h2 id="outbox-title" className="visually-hidden">
        <FormattedMessage id="admin.tab.outbox" />
      </h2>
      <p className="lead">
        <FormattedMessage id="admin.outbox.intro" />
      </p>
      <Queues />
      <h3 className="admin-heading">
        <FormattedMessage id="admin.outbox.messagesTitle" />
      </h3>
      <SelectField
        id="outbox-status"
        label={<FormattedMessage id="admin.outbox.show" />}
        value={status}
        onValueChange={(value) =>
          setStatus(statuses.includes(value as OutboxStatus) ? (value as OutboxStatus) : '')
        }
        options={[
          { value: '', label: intl.formatMessage({ id: 'admin.outbox.status.all' }) },
          ...statuses.map((value) => ({
            value,
            label: intl.formatMessage({ id: statusMessage(value) }),
          })),
        ]}
      />
      {feedback ? (
        <Notice key={feedback.key} kind={feedback.kind} title={feedback.title}>
          {feedback.body}
        </Notice>
      ) : null}
      {loadError ? (
        <Notice kind="error" title={<FormattedMessage id="admin.loadFailed" />}>
          <ProblemText error={loadError} />
          <button type="button" className="button" onClick={() => void list.refetch()}>
            <FormattedMessage id="admin.retry" />
          </button>
        </Notice>
      ) : messages === null ? (
        <p role="status">
          <FormattedMessage id="admin.loading" />
        </p>
      ) : messages.length === 0 ? (
        <p>
          <FormattedMessage id="admin.outbox.none" />
        </p>
      ) : (
        <>
          <ul className="admin-list">
            {messages.map((message) => (
              <MessageItem key={message.id} message={message} onRetry={() => retry(message)} />
            ))}
          </ul>
          {nextCursor ? (
            <button
              type="button"
              className="button"
              disabled={loadingMore}
              onClick={() => void list.fetchNextPage()}
            >
              <FormattedMessage id="admin.outbox.more" />
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}

function statusMessage(status: OutboxStatus): MessageId {
  return `admin.outbox.status.${status}`;
}

function MessageItem({
  message,
  onRetry,
}: {
  message: OutboxMessageView;
  onRetry: () => Promise<void>;
}) {
  const [busy, setBusy] = useState(false);
  return (
    <li className={message.status === 'failed' ? 'admin-card admin-card--ended' : 'admin-card'}>
      <h4 className="admin-card__title">
        {message.subject}{' '}
        <span className={`tag outbox-status outbox-status--${message.status}`}>
          <FormattedMessage id={statusMessage(message.status)} />
        </span>
      </h4>
      <dl className="admin-facts">
        <div>
          <dt>
            <FormattedMessage id="admin.outbox.to" />
          </dt>
          <dd>{message.to}</dd>
        </div>
        <div>
          <dt>
            <FormattedMessage id="admin.outbox.written" />
          </dt>
          <dd>
            <When value={message.createdAt} />
          </dd>
        </div>
        <div>
          <dt>
            <FormattedMessage id="admin.outbox.attempts" />
          </dt>
          <dd>{message.attempts}</dd>
        </div>
        {message.nextAttemptAt ? (
          <div>
            <dt>
              <FormattedMessage id="admin.outbox.nextAttempt" />
            </dt>
            <dd>
              <When value={message.nextAttemptAt} />
            </dd>
          </div>
        ) : null}
        {message.deliveredAt ? (
          <div>
            <dt>
              <FormattedMessage id="admin.outbox.deliveredAt" />
            </dt>
            <dd>
              <When value={message.deliveredAt} />
            </dd>
          </div>
        ) : null}
        {message.failedAt ? (
          <div>
            <dt>
              <FormattedMessage id="admin.outbox.failedAt" />
            </dt>
            <dd>
              <When value={message.failedAt} />
            </dd>
          </div>
        ) : null}
        {message.lastError ? (
          <div>
            <dt>
              <FormattedMessage id="admin.outbox.lastError" />
            </dt>
            {/* The mail server's own words, in English. */}
            <dd lang="en">
              <code>{message.lastError}</code>
            </dd>
          </div>
        ) : null}
      </dl>
      {message.canRetry ? (
        <button
          type="button"
          className="button button--small"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            await onRetry();
            setBusy(false);
          }}
        >
          <FormattedMessage id="admin.outbox.retry" />
          <span className="visually-hidden"> {message.to}</span>
        </button>
      ) : message.status === 'failed' ? (
        <p className="field__hint">
          <FormattedMessage id="admin.outbox.linkExpired" />
        </p>
      ) : null}
    </li>
  );
}

/** Each queue as a short list of its jobs by state: it stays readable on a small phone. */
function Queues() {
  const queuesQuery = useQuery({
    queryKey: ['platform', 'queues'],
    queryFn: ({ signal }) => listQueues(signal),
  });
  const queues: QueueSummary[] | null = queuesQuery.data ?? null;
  const error = queuesQuery.error;
  return (
    <>
      <h3 className="admin-heading">
        <FormattedMessage id="admin.outbox.queuesTitle" />
      </h3>
      {error ? (
        <Notice kind="error" title={<FormattedMessage id="admin.loadFailed" />}>
          <ProblemText error={error} />
        </Notice>
      ) : queues === null ? (
        <p role="status">
          <FormattedMessage id="admin.loading" />
        </p>
      ) : (
        <ul className="admin-list outbox-queues">
          {queues.map((queue) => (
            <li key={queue.name} className="admin-card">
              <h4 className="admin-card__title">
                <code>{queue.name}</code>
              </h4>
              <dl className="outbox-queues__counts">
                {jobStates.map((state) => (
                  <div key={state}>
                    <dt>
                      <FormattedMessage id={`admin.outbox.jobs.${state}`} />
                    </dt>
                    <dd>{queue.counts[state]}</dd>
                  </div>
                ))}
              </dl>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
