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
    });
    expect(publicUrlFor(config, 3000)).toBe('http://127.0.0.1:3000');
    expect(Object.isFrozen(config)).toBe(true);
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
      DEFAULT_LANGUAGE: 'hi',
    });
    expect(config).toMatchObject({
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
      defaultLanguage: 'hi',
    });
    expect(publicUrlFor(config, 8080)).toBe('https://coops.example.org');
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
    ['SESSION_IDLE_MINUTES', '0', /SESSION_IDLE_MINUTES="0" must be at least 1 minute/],
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

  it('lists every problem at once', () => {
    expect(() => loadConfig({ PORT: '-1', LOG_LEVEL: 'x' })).toThrow(/PORT[\s\S]*LOG_LEVEL/);
  });
});
