import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, publicUrlFor } from './config.ts';

describe('configuration', () => {
  it('has working defaults for a first start', () => {
    const config = loadConfig({});
    expect(config).toEqual({
      port: 3000,
      host: '127.0.0.1',
      publicUrl: undefined,
      dataDir: path.resolve('./data'),
      databaseUrl: undefined,
      logLevel: 'info',
      smtpUrl: undefined,
      sessionIdleMinutes: 30,
      sessionAbsoluteHours: 12,
      adminEmail: 'admin@intercoop.localhost',
      registryCache: true,
      defaultLanguage: 'en',
      checkAllResponses: false,
      shutdownTimeoutSeconds: 10,
      statementTimeoutSeconds: 30,
      trustProxy: false,
      importMaxBytes: 256 * 1024 * 1024,
      importMaxInflatedBytes: 512 * 1024 * 1024,
      importMaxInflatedFileBytes: 128 * 1024 * 1024,
      workers: true,
      outbox: { retryFirstSeconds: 5, retryMaxSeconds: 60, giveUpSeconds: 86_400 },
      reach: {
        webhookSecret: undefined,
        sms: {
          provider: 'test',
          inboundPerHour: 30,
          prices: {
            test: { currency: 'USD', perSegment: '0' },
            africastalking: { currency: 'KES', perSegment: '0.80' },
            twilio: { currency: 'USD', perSegment: '0.0083' },
          },
          africastalking: {
            username: undefined,
            apiKey: undefined,
            senderId: undefined,
            apiUrl: 'https://api.africastalking.com',
          },
          twilio: {
            accountSid: undefined,
            authToken: undefined,
            from: undefined,
            apiUrl: 'https://api.twilio.com',
          },
        },
      },
    });
    expect(publicUrlFor(config, 3000)).toBe('http://127.0.0.1:3000');
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reads the SMS settings, and names what a provider still needs', () => {
    const config = loadConfig({
      REACH_SMS_PROVIDER: 'twilio',
      TWILIO_ACCOUNT_SID: `AC${'ab'.repeat(16)}`,
      TWILIO_AUTH_TOKEN: 'token',
      TWILIO_FROM: '+15005550006',
      TWILIO_API_URL: 'http://127.0.0.1:9999/',
      REACH_SMS_PRICE_TWILIO: 'EUR 0.075',
      REACH_SMS_INBOUND_PER_HOUR: '12',
    });
    expect(config.reach.sms).toMatchObject({
      provider: 'twilio',
      inboundPerHour: 12,
      prices: { twilio: { currency: 'EUR', perSegment: '0.075' } },
      twilio: { from: '+15005550006', apiUrl: 'http://127.0.0.1:9999' },
    });
    expect(() => loadConfig({ REACH_SMS_PROVIDER: 'africastalking' })).toThrow(
      /AFRICASTALKING_USERNAME must be set[\s\S]*AFRICASTALKING_API_KEY must be set/,
    );
    expect(() => loadConfig({ REACH_SMS_PROVIDER: 'carrier-pigeon' })).toThrow(
      /REACH_SMS_PROVIDER/,
    );
    expect(() => loadConfig({ REACH_SMS_PRICE_TWILIO: '0.0083 dollars' })).toThrow(
      /REACH_SMS_PRICE_TWILIO.*such as USD 0.0083/,
    );
    expect(() => loadConfig({ REACH_SMS_PRICE_TEST: 'XYZ 1' })).toThrow(/ISO 4217 currency code/);
    expect(() => loadConfig({ REACH_WEBHOOK_SECRET: 'short' })).toThrow(/at least 16 characters/);
    expect(() => loadConfig({ TWILIO_ACCOUNT_SID: 'AC12' })).toThrow(/TWILIO_ACCOUNT_SID/);
  });

  it('reads every setting', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      PUBLIC_URL: 'https://coops.example.org/',
      INTERCOOP_DATA_DIR: '/var/lib/intercoop',
      DATABASE_URL: 'postgres://intercoop:secret@db:5432/intercoop',
      LOG_LEVEL: 'warn',
      SMTP_URL: 'smtp://mail.example.org:587',
      SESSION_IDLE_MINUTES: '15',
      SESSION_ABSOLUTE_HOURS: '8',
      INTERCOOP_ADMIN_EMAIL: 'Admin@Federation.Example',
      REGISTRY_CACHE: 'off',
      SHUTDOWN_TIMEOUT_SECONDS: '3',
      STATEMENT_TIMEOUT_SECONDS: '0',
      IMPORT_MAX_MIB: '64',
      IMPORT_MAX_INFLATED_MIB: '2048',
      IMPORT_MAX_INFLATED_FILE_MIB: '1024',
      WORKERS: 'off',
      OUTBOX_RETRY_FIRST_SECONDS: '0.5',
      OUTBOX_RETRY_MAX_SECONDS: '30',
      OUTBOX_GIVE_UP_SECONDS: '3600',
      DEFAULT_LANGUAGE: 'hi',
    });
    expect(config).toMatchObject({
      shutdownTimeoutSeconds: 3,
      statementTimeoutSeconds: 0,
      workers: false,
      outbox: { retryFirstSeconds: 0.5, retryMaxSeconds: 30, giveUpSeconds: 3600 },
      port: 8080,
      host: '0.0.0.0',
      publicUrl: 'https://coops.example.org',
      dataDir: '/var/lib/intercoop',
      databaseUrl: 'postgres://intercoop:secret@db:5432/intercoop',
      logLevel: 'warn',
      smtpUrl: 'smtp://mail.example.org:587',
      sessionIdleMinutes: 15,
      sessionAbsoluteHours: 8,
      adminEmail: 'admin@federation.example',
      registryCache: false,
      importMaxBytes: 64 * 1024 * 1024,
      importMaxInflatedBytes: 2048 * 1024 * 1024,
      importMaxInflatedFileBytes: 1024 * 1024 * 1024,
      defaultLanguage: 'hi',
    });
    expect(publicUrlFor(config, 8080)).toBe('https://coops.example.org');
  });

  it('believes a proxy about the client’s address only when told which', () => {
    expect(loadConfig({ TRUST_PROXY: 'off' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1' }).trustProxy).toEqual(['127.0.0.1']);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, ::1, fd00::/8,loopback' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '::1',
      'fd00::/8',
      'loopback',
    ]);
  });

  it('treats an empty value as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' })).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
    });
  });

  it('uses the port actually listened on when PORT is 0', () => {
    expect(publicUrlFor(loadConfig({ PORT: '0' }), 41234)).toBe('http://127.0.0.1:41234');
    expect(publicUrlFor(loadConfig({ HOST: '::1', PORT: '0' }), 41234)).toBe('http://[::1]:41234');
  });

  it.each([
    ['PORT', 'eighty', /PORT="eighty" must be a port number/],
    ['PORT', '70000', /PORT="70000" must be between 0 and 65535/],
    ['PUBLIC_URL', 'coops.example.org', /PUBLIC_URL=.* must be the address people use/],
    ['PUBLIC_URL', 'ftp://coops.example.org', /PUBLIC_URL=/],
    ['DATABASE_URL', 'mysql://db/intercoop', /DATABASE_URL=.* must be a PostgreSQL URL/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL="loud" must be one of fatal, error/],
    ['SMTP_URL', 'mail.example.org', /SMTP_URL=.* must be an SMTP URL/],
    ['WORKERS', 'yes', /WORKERS="yes" must be on .* or off/],
    ['OUTBOX_RETRY_FIRST_SECONDS', 'soon', /OUTBOX_RETRY_FIRST_SECONDS="soon" must be a number/],
    ['OUTBOX_GIVE_UP_SECONDS', '0', /OUTBOX_GIVE_UP_SECONDS="0" must be at least 1 second/],
    ['SESSION_IDLE_MINUTES', '0', /SESSION_IDLE_MINUTES="0" must be at least 1 minute/],
    ['TRUST_PROXY', 'yes', /TRUST_PROXY="yes" must be off, or the addresses of the proxies/],
    ['TRUST_PROXY', '1', /TRUST_PROXY="1" must be off/],
    ['TRUST_PROXY', '10.0.0.0/33', /TRUST_PROXY=.* must be off/],
    ['TRUST_PROXY', '10.0.0.1,proxy.example', /TRUST_PROXY=.* must be off/],
    [
      'SESSION_ABSOLUTE_HOURS',
      'forever',
      /SESSION_ABSOLUTE_HOURS="forever" must be a number of hours/,
    ],
    ['INTERCOOP_ADMIN_EMAIL', 'admin', /INTERCOOP_ADMIN_EMAIL="admin" must be an email address/],
    ['REGISTRY_CACHE', 'yes', /REGISTRY_CACHE="yes" must be on \(keep search pages/],
    [
      'DEFAULT_LANGUAGE',
      'pt',
      /DEFAULT_LANGUAGE="pt" must be one of the languages this version ships: en, (.*)hi/,
    ],
  ])('refuses %s=%s with a message that says what to fix', (name, value, message) => {
    let error: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(/^Intercoop cannot start: fix its settings/);
    expect((error as ConfigError).message).toMatch(message);
  });

  it('says what to put in an import limit', () => {
    expect(() => loadConfig({ IMPORT_MAX_INFLATED_MIB: 'lots' })).toThrow(
      /IMPORT_MAX_INFLATED_MIB="lots" must be the most a zipped import may inflate to, in all, in MiB, such as 512/,
    );
    expect(() => loadConfig({ IMPORT_MAX_MIB: '0' })).toThrow(
      /IMPORT_MAX_MIB="0" must be at least 1 MiB/,
    );
  });

  it('lists every problem at once', () => {
    expect(() => loadConfig({ PORT: '-1', LOG_LEVEL: 'x' })).toThrow(/PORT[\s\S]*LOG_LEVEL/);
  });
});
