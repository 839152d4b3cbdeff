// The only reader of the environment. Parsed once at boot; a bad value stops the program
// with a message that names the variable and says what to put there.
import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { shippedLanguages } from './platform/messages/platform-messages.ts';
import { isCurrencyCode } from './platform/money-schemas.ts';

const mebibyte = 1024 * 1024;
const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

// The proxies whose X-Forwarded-For names the client: addresses, CIDR ranges, or the names of
// the ranges that proxy-addr (Fastify's) knows.
const proxyRangeNames = new Set(['loopback', 'linklocal', 'uniquelocal']);
function isProxyRange(entry: string): boolean {
  if (proxyRangeNames.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}
const trustProxyError =
  'must be off, or the addresses of the proxies in front of Intercoop, such as 127.0.0.1 or 10.0.0.0/8,loopback';
// No count of hops: it would believe whoever connects directly (Fastify refuses it for that).
const TrustProxy = z
  .string()
  .trim()
  .transform((value, ctx): false | string[] => {
    if (value === 'off') return false;
    const entries = value.split(',').map((entry) => entry.trim());
    if (entries.every(isProxyRange)) return entries;
    ctx.addIssue({ code: 'custom', message: trustProxyError });
    return z.NEVER;
  });
const mebibytes = (what: string, fallback: number) =>
  z.coerce
    .number({ error: `must be ${what}, in MiB, such as ${fallback}` })
    .int('must be a whole number of MiB')
    .min(1, 'must be at least 1 MiB')
    .max(65_536, 'must be at most 65536 MiB (64 GiB)')
    .default(fallback);

// A provider's price of one SMS segment: a currency and a decimal, such as "KES 0.80".
const pricePattern = /^([A-Z]{3}) (\d{1,6}(?:\.\d{1,6})?)$/;
const SegmentPrice = (fallback: string) =>
  z
    .string()
    .trim()
    .regex(pricePattern, 'must be an ISO 4217 currency and a price per segment, such as USD 0.0083')
    .refine((value) => isCurrencyCode(value.slice(0, 3)), {
      error: 'must start with an ISO 4217 currency code, such as USD, KES or INR',
    })
    .default(fallback)
    .transform((value) => {
      const [, currency = '', perSegment = ''] = pricePattern.exec(value) ?? [];
      return Object.freeze({ currency, perSegment });
    });
const apiBase = (fallback: string) =>
  z
    .url({ protocol: /^https?$/, error: `must be the provider's API address, such as ${fallback}` })
    .default(fallback)
    .transform((value) => value.replace(/\/+$/, ''));
const smsProviders = ['test', 'africastalking', 'twilio'] as const;

const EnvironmentSchema = z.object({
  PORT: z.coerce
    .number({ error: 'must be a port number, such as 3000' })
    .int('must be a whole number, such as 3000')
    .min(0, 'must be between 0 and 65535 (0 picks a free port)')
    .max(65535, 'must be between 0 and 65535 (0 picks a free port)')
    .default(3000),
  HOST: z
    .string()
    .trim()
    .min(1, 'must not be empty; use 127.0.0.1 or 0.0.0.0')
    .default('127.0.0.1'),
  PUBLIC_URL: z
    .url({
      protocol: /^https?$/,
      error: 'must be the address people use to reach Intercoop, such as https://coops.example.org',
    })
    .optional(),
  INTERCOOP_DATA_DIR: z.string().trim().min(1, 'must not be empty').default('./data'),
  DATABASE_URL: z
    .string()
    .trim()
    .regex(
      /^postgres(ql)?:\/\/.+/,
      'must be a PostgreSQL URL such as postgres://user:password@host:5432/intercoop, or unset for the embedded database',
    )
    .optional(),
  LOG_LEVEL: z.enum(logLevels, { error: `must be one of ${logLevels.join(', ')}` }).default('info'),
  SESSION_IDLE_MINUTES: z.coerce
    .number({ error: 'must be a number of minutes, such as 30' })
    .int('must be a whole number of minutes')
    .min(1, 'must be at least 1 minute')
    .max(1440, 'must be at most 1440 minutes (a day)')
    .default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number({ error: 'must be a number of hours, such as 12' })
    .int('must be a whole number of hours')
    .min(1, 'must be at least 1 hour')
    .max(720, 'must be at most 720 hours (30 days)')
    .default(12),
  INTERCOOP_ADMIN_EMAIL: z
    .email({ error: 'must be an email address, such as admin@federation.example' })
    .transform((value) => value.toLowerCase())
    .default('admin@intercoop.localhost'),
  SMTP_URL: z
    .string()
    .trim()
    .regex(
      /^smtps?:\/\/.+/,
      'must be an SMTP URL such as smtp://user:password@mail.example.org:587, or unset to write mail to the log',
    )
    .optional(),
  REGISTRY_CACHE: z
    .enum(['on', 'off'], {
      error: 'must be on (keep search pages and the graph of ties in memory) or off',
    })
    .default('on'),
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce
    .number({ error: 'must be a number of seconds, such as 10' })
    .min(0, 'must be at least 0 seconds')
    .max(600, 'must be at most 600 seconds')
    .default(10),
  STATEMENT_TIMEOUT_SECONDS: z.coerce
    .number({ error: 'must be a number of seconds, such as 30' })
    .min(0, 'must be at least 0 seconds (0: no limit)')
    .max(3600, 'must be at most 3600 seconds')
    .default(30),
  TRUST_PROXY: TrustProxy.default(false),
  IMPORT_MAX_MIB: mebibytes('the largest file an import takes', 256),
  IMPORT_MAX_INFLATED_MIB: mebibytes('the most a zipped import may inflate to, in all', 512),
  IMPORT_MAX_INFLATED_FILE_MIB: mebibytes(
    'the most one file of a zipped import may inflate to',
    128,
  ),
  WORKERS: z
    .enum(['on', 'off'], {
      error:
        'must be on (the server also runs the jobs: mail, schedules) or off (they run in `intercoop worker`)',
    })
    .default('on'),
  OUTBOX_RETRY_FIRST_SECONDS: z.coerce
    .number({ error: 'must be a number of seconds, such as 5' })
    .min(0.1, 'must be at least 0.1 seconds')
    .max(3600, 'must be at most 3600 seconds')
    .default(5),
  OUTBOX_RETRY_MAX_SECONDS: z.coerce
    .number({ error: 'must be a number of seconds, such as 60' })
    .min(0.1, 'must be at least 0.1 seconds')
    .max(3600, 'must be at most 3600 seconds')
    .default(60),
  OUTBOX_GIVE_UP_SECONDS: z.coerce
    .number({ error: 'must be a number of seconds, such as 86400 (a day)' })
    .min(1, 'must be at least 1 second')
    .max(30 * 86_400, 'must be at most 2592000 seconds (30 days)')
    .default(86_400),
  DEFAULT_LANGUAGE: z
    .string()
    .trim()
    .refine((value) => shippedLanguages.includes(value), {
      error: `must be one of the languages this version ships: ${shippedLanguages.join(', ')}`,
    })
    .default('en'),
  REACH_WEBHOOK_SECRET: z
    .string()
    .trim()
    .min(16, 'must be at least 16 characters: a random secret the provider sends back')
    .max(200, 'must be at most 200 characters')
    .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces, as it goes in a URL')
    .optional(),
  REACH_SMS_PROVIDER: z
    .enum(smsProviders, {
      error: `must be one of ${smsProviders.join(', ')} (test records what it would send)`,
    })
    .default('test'),
  REACH_SMS_INBOUND_PER_HOUR: z.coerce
    .number({ error: 'must be a number of messages, such as 30' })
    .int('must be a whole number of messages')
    .min(1, 'must be at least 1')
    .max(10_000, 'must be at most 10000')
    .default(30),
  REACH_SMS_PRICE_AFRICASTALKING: SegmentPrice('KES 0.80'),
  REACH_SMS_PRICE_TWILIO: SegmentPrice('USD 0.0083'),
  REACH_SMS_PRICE_TEST: SegmentPrice('USD 0'),
  AFRICASTALKING_USERNAME: z.string().trim().min(1).max(100).optional(),
  AFRICASTALKING_API_KEY: z.string().trim().min(1).max(200).optional(),
  AFRICASTALKING_SENDER_ID: z.string().trim().min(1).max(20).optional(),
  AFRICASTALKING_API_URL: apiBase('https://api.africastalking.com'),
  TWILIO_ACCOUNT_SID: z
    .string()
    .trim()
    .regex(/^AC[0-9a-fA-F]{32}$/, 'must be an account SID: AC and 32 hexadecimal digits')
    .optional(),
  TWILIO_AUTH_TOKEN: z.string().trim().min(1).max(200).optional(),
  TWILIO_FROM: z
    .string()
    .trim()
    .regex(
      /^(\+[1-9]\d{6,14}|MG[0-9a-fA-F]{32}|[A-Za-z0-9 ]{1,11})$/,
      'must be a phone number in E.164 (+14155550100), a messaging service SID (MG...) or a sender id',
    )
    .optional(),
  TWILIO_API_URL: apiBase('https://api.twilio.com'),
  RESPONSE_CHECKS: z
    .enum(['all', 'untrusted'], {
      error:
        'must be all (check every response against its schema) or untrusted (skip the check for responses the application builds itself from typed rows)',
    })
    .default('untrusted'),
});

export type Config = Readonly<{
  port: number;
  host: string;
  /** Without a trailing slash. When PUBLIC_URL is unset, it is derived from HOST and the port
   * the server actually listens on (see `publicUrlFor`). */
  publicUrl: string | undefined;
  /** Absolute path. */
  dataDir: string;
  /** Unset means the embedded database in the data folder. */
  databaseUrl: string | undefined;
  logLevel: (typeof logLevels)[number];
  /** Unset means mail is written to the log instead of sent. */
  smtpUrl: string | undefined;
  /** A session ends after this long without a request... */
  sessionIdleMinutes: number;
  /** ...and after this long in any case. */
  sessionAbsoluteHours: number;
  /** The email of the network admin created on the first start of an empty database. */
  adminEmail: string;
  /** Search pages and the graph's ties kept in memory, checked against the registry's version. */
  registryCache: boolean;
  /** The language of answers and mail for a reader who asks for none this instance ships. */
  defaultLanguage: string;
  /** Every response checked against its schema, or all but those marked `trustedResponse`. */
  checkAllResponses: boolean;
  /** On SIGTERM, requests still running after this long are cut off and the process stops. */
  shutdownTimeoutSeconds: number;
  /** A statement of the server's that runs longer is cancelled (0: no limit). */
  statementTimeoutSeconds: number;
  /**
   * Which proxies to believe about the client's address (X-Forwarded-For), as Fastify's
   * `trustProxy` takes it: none, or the proxies' addresses and ranges.
   */
  trustProxy: false | string[];
  /** The largest file an import takes (a request body, or a file given to the command). */
  importMaxBytes: number;
  /** The most a zipped import may inflate to, all its files together, and one file of it. */
  importMaxInflatedBytes: number;
  importMaxInflatedFileBytes: number;
  /** Whether `intercoop serve` also runs the job workers and schedules. */
  workers: boolean;
  /** Outgoing messages: the first wait after a failure, the longest, and when to give up. */
  outbox: Readonly<{ retryFirstSeconds: number; retryMaxSeconds: number; giveUpSeconds: number }>;
  reach: Readonly<{
    /** What the phone providers that sign nothing (Africa's Talking) send back; unset: off. */
    webhookSecret: string | undefined;
    sms: SmsConfig;
  }>;
}>;

export type SmsProviderName = (typeof smsProviders)[number];
export type SegmentPrice = Readonly<{ currency: string; perSegment: string }>;

export type SmsConfig = Readonly<{
  /** Which provider the outbox sends SMS through. */
  provider: SmsProviderName;
  /** Inbound messages one number may send in an hour before they are recorded and ignored. */
  inboundPerHour: number;
  /** Each provider's price of one segment, for estimates shown before sending. */
  prices: Readonly<Record<SmsProviderName, SegmentPrice>>;
  africastalking: Readonly<{
    username: string | undefined;
    apiKey: string | undefined;
    senderId: string | undefined;
    apiUrl: string;
  }>;
  twilio: Readonly<{
    accountSid: string | undefined;
    authToken: string | undefined;
    from: string | undefined;
    apiUrl: string;
  }>;
}>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Intercoop cannot start: fix its settings.\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

/** Empty strings count as unset, as a shell's `VAR=` usually means "no value". */
function withoutEmpty(env: Record<string, string | undefined>) {
  return Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvironmentSchema.safeParse(withoutEmpty(env));
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? 'environment');
        return `${name}=${JSON.stringify(env[name] ?? '')} ${issue.message}`;
      }),
    );
  }
  const values = parsed.data;
  const missing = (names: string[]) =>
    names.filter((name) => values[name as keyof typeof values] === undefined);
  const needed = {
    test: [],
    africastalking: ['AFRICASTALKING_USERNAME', 'AFRICASTALKING_API_KEY'],
    twilio: ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_FROM'],
  }[values.REACH_SMS_PROVIDER];
  const absent = missing(needed);
  if (absent.length > 0) {
    throw new ConfigError(
      absent.map(
        (name) =>
          `${name} must be set to send SMS with REACH_SMS_PROVIDER=${values.REACH_SMS_PROVIDER}`,
      ),
    );
  }
  return Object.freeze({
    port: values.PORT,
    host: values.HOST,
    publicUrl: values.PUBLIC_URL?.replace(/\/+$/, ''),
    dataDir: path.resolve(values.INTERCOOP_DATA_DIR),
    databaseUrl: values.DATABASE_URL,
    logLevel: values.LOG_LEVEL,
    smtpUrl: values.SMTP_URL,
    sessionIdleMinutes: values.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: values.SESSION_ABSOLUTE_HOURS,
    adminEmail: values.INTERCOOP_ADMIN_EMAIL,
    registryCache: values.REGISTRY_CACHE === 'on',
    defaultLanguage: values.DEFAULT_LANGUAGE,
    checkAllResponses: values.RESPONSE_CHECKS === 'all',
    shutdownTimeoutSeconds: values.SHUTDOWN_TIMEOUT_SECONDS,
    statementTimeoutSeconds: values.STATEMENT_TIMEOUT_SECONDS,
    trustProxy: values.TRUST_PROXY,
    importMaxBytes: values.IMPORT_MAX_MIB * mebibyte,
    importMaxInflatedBytes: values.IMPORT_MAX_INFLATED_MIB * mebibyte,
    importMaxInflatedFileBytes: values.IMPORT_MAX_INFLATED_FILE_MIB * mebibyte,
    workers: values.WORKERS === 'on',
    outbox: Object.freeze({
      retryFirstSeconds: values.OUTBOX_RETRY_FIRST_SECONDS,
      retryMaxSeconds: values.OUTBOX_RETRY_MAX_SECONDS,
      giveUpSeconds: values.OUTBOX_GIVE_UP_SECONDS,
    }),
    reach: Object.freeze({
      webhookSecret: values.REACH_WEBHOOK_SECRET,
      sms: Object.freeze({
        provider: values.REACH_SMS_PROVIDER,
        inboundPerHour: values.REACH_SMS_INBOUND_PER_HOUR,
        prices: Object.freeze({
          test: values.REACH_SMS_PRICE_TEST,
          africastalking: values.REACH_SMS_PRICE_AFRICASTALKING,
          twilio: values.REACH_SMS_PRICE_TWILIO,
        }),
        africastalking: Object.freeze({
          username: values.AFRICASTALKING_USERNAME,
          apiKey: values.AFRICASTALKING_API_KEY,
          senderId: values.AFRICASTALKING_SENDER_ID,
          apiUrl: values.AFRICASTALKING_API_URL,
        }),
        twilio: Object.freeze({
          accountSid: values.TWILIO_ACCOUNT_SID,
          authToken: values.TWILIO_AUTH_TOKEN,
          from: values.TWILIO_FROM,
          apiUrl: values.TWILIO_API_URL,
        }),
      }),
    }),
  });
}

/** The address people reach this instance at: PUBLIC_URL, or `http://HOST:PORT` as listening. */
export function publicUrlFor(config: Config, listeningPort: number): string {
  if (config.publicUrl) return config.publicUrl;
  const shownHost = config.host.includes(':') ? `[${config.host}]` : config.host;
  return `http://${shownHost}:${listeningPort}`;
}
