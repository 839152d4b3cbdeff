// What a module plugs into the platform, declared in one place (its module.ts): its HTTP routes,
// its roles and the scopes they live in, its field-error codes, the words of its audit actions,
// its checks for `intercoop check`, its jobs and schedules, its part of the demo network, its
// phone menus.
// src/modules.ts lists the modules and plugs them in at start; the platform knows them only
// through this shape.
import type { FastifyPluginAsync } from 'fastify';
import { declareRoles, declareScopes, type Role, type ScopeType, scopesOfRole } from './access.ts';
import { declareAuditVocabulary } from './audit/audit-vocabulary.ts';
import type { Db } from './db.ts';
import type { ModuleDemo, PluggedDemo } from './demo.ts';
import { declareFieldErrorCodes } from './field-errors.ts';
import type { JobQueue, JobSchedule } from './jobs/index.ts';
import type { PhoneMenu } from './menus.ts';
import type { Catalogue } from './messages/catalogue.ts';
import { provideScope, provideScopeNames, type ScopeExists, type ScopeNames } from './scopes.ts';
import type { SmsTransportFactory } from './sms.ts';

/** An invariant `intercoop check` verifies: the problems it finds, as sentences to act on. */
export type ModuleCheck = { name: string; run: (db: Db) => Promise<string[]> };

export type ModuleRoutes = { prefix: string; plugin: FastifyPluginAsync };

export type IntercoopModule = {
  /** The module's folder name, such as `network`. */
  name: string;
  /** Its catalogue: the words of its field errors (`field.<code>`) and audit actions. */
  messages?: Catalogue<string>;
  /** Its routes, each plugin under its prefix (`/api/<module>`). */
  routes?: ModuleRoutes[];
  /** The scopes it keeps (their things are its rows), with the check that one exists. */
  scopes?: Partial<Record<ScopeType, ScopeExists>>;
  /** The names of the things of its scopes, for other modules (a project's participants). */
  scopeNames?: Partial<Record<ScopeType, ScopeNames>>;
  /** Its roles, and the scopes each lives in. */
  roles?: Partial<Record<Role, readonly ScopeType[]>>;
  /** Field-error codes of its rules, each with the params it carries, for the API's description. */
  fieldErrorCodes?: Readonly<Record<string, string>>;
  /** The actions it writes to the audit log and the kinds of records they touch. */
  audit?: { actions: readonly string[]; entityTypes: readonly string[] };
  checks?: readonly ModuleCheck[];
  queues?: readonly JobQueue[];
  schedules?: readonly JobSchedule[];
  /** What it loads into the demo network and removes from it (see platform/demo.ts). */
  demo?: ModuleDemo;
  /** Its phone menus (USSD), each an entry of the main menu (see platform/menus.ts). */
  menus?: readonly PhoneMenu[];
  /** The transport the outbox sends SMS through (at most one module gives one). */
  smsTransport?: SmsTransportFactory;
};

export type PluggedModules = {
  modules: readonly IntercoopModule[];
  routes: ModuleRoutes[];
  checks: ModuleCheck[];
  queues: JobQueue[];
  schedules: JobSchedule[];
  /** The demo loaders, in the modules' order: loaded in this order, removed in the reverse. */
  demos: PluggedDemo[];
  /** The phone menus, in the modules' order: the main menu lists them so. */
  menus: PhoneMenu[];
  /** The SMS transport a module gives, if any: without one, SMS wait in the outbox. */
  smsTransport: SmsTransportFactory | undefined;
};

let plugged: PluggedModules | undefined;

/**
 * Plugs the modules in, once per process: their roles, scopes, field-error codes and audit words
 * join the platform's, and their routes, checks, jobs, schedules and demo loaders are gathered for
 * the server, the worker, `intercoop check` and `intercoop demo`. A declaration that clashes with
 * another, or that names what nothing declares, stops the start: it is a mistake in the code, not
 * in the data.
 */
export function plugInModules(modules: readonly IntercoopModule[]): PluggedModules {
  if (plugged) {
    if (
      plugged.modules.length === modules.length &&
      plugged.modules.every((m, i) => m === modules[i])
    )
      return plugged;
    throw new Error('the modules are plugged in once per process');
  }
  for (const module of modules) {
    const scopes = Object.entries(module.scopes ?? {}) as [ScopeType, ScopeExists][];
    declareScopes(
      module.name,
      scopes.map(([scope]) => scope),
    );
    for (const [scope, exists] of scopes) provideScope(scope, exists);
    for (const [scope, names] of Object.entries(module.scopeNames ?? {}) as [
      ScopeType,
      ScopeNames,
    ][]) {
      if (!module.scopes?.[scope])
        throw new Error(`${module.name} names the things of ${scope}, a scope it does not keep`);
      provideScopeNames(scope, names);
    }
  }
  for (const module of modules) {
    declareRoles(module.name, module.roles ?? {});
    if (module.fieldErrorCodes)
      declareFieldErrorCodes(module.name, module.fieldErrorCodes, requireMessages(module));
    if (module.audit) declareAuditVocabulary(module.name, module.audit, requireMessages(module));
  }
  for (const module of modules) {
    for (const role of Object.keys(module.roles ?? {}) as Role[]) {
      for (const scope of scopesOfRole(role)) {
        if (scope !== 'network' && !modules.some((other) => other.scopes?.[scope]))
          throw new Error(
            `the role ${role} of ${module.name} lives in ${scope}, which no module keeps`,
          );
      }
    }
  }
  const menus = modules.flatMap((module) => module.menus ?? []);
  checkMenus(menus);
  const smsTransports = modules.filter((module) => module.smsTransport);
  if (smsTransports.length > 1)
    throw new Error(
      `only one module may give the SMS transport: ${smsTransports.map((module) => module.name).join(' and ')} both do`,
    );
  plugged = {
    modules,
    smsTransport: smsTransports[0]?.smsTransport,
    routes: modules.flatMap((module) => module.routes ?? []),
    checks: modules.flatMap((module) => module.checks ?? []),
    queues: modules.flatMap((module) => module.queues ?? []),
    schedules: modules.flatMap((module) => module.schedules ?? []),
    demos: modules.flatMap((module) =>
      module.demo ? [{ ...module.demo, module: module.name }] : [],
    ),
    menus,
  };
  return plugged;
}

/** The phone menus plugged in (none before `plugInModules`), for the phone channel. */
export function pluggedMenus(): readonly PhoneMenu[] {
  return plugged?.menus ?? [];
}

// A menu whose name clashes, or whose start is no screen of it, is a mistake in the code.
function checkMenus(menus: readonly PhoneMenu[]): void {
  const names = new Set<string>();
  for (const menu of menus) {
    if (names.has(menu.name)) throw new Error(`the phone menu ${menu.name} is declared twice`);
    names.add(menu.name);
    if (!menu.screens[menu.start])
      throw new Error(
        `the phone menu ${menu.name} starts at ${menu.start}, which is not a screen of it`,
      );
  }
}

function requireMessages(module: IntercoopModule): Catalogue<string> {
  if (!module.messages)
    throw new Error(`${module.name} declares words (field errors, audit) but has no catalogue`);
  return module.messages;
}
