// The modular monolith's one rule that no linter knows: a module is entered only through its
// index.ts (a module's pure schemas files may build on another's, as the web app may take them).
// Also: the platform never depends on a module, the web app takes nothing from src/ but the
// types and pure schemas of modules, and a module's SQL (its queries and its migrations) names
// only its own tables (a foreign key to another module's table is the one exception, in a
// migration). A module's tables are `<module>_...`, and those its `tables.json` declares:
// `tablePrefixes` (a module that moved out of another keeps its tables' names, so the projects
// module owns `network_project...`; the longest prefix decides) and `migrations` (the migrations
// written before the move, named after the module they were in; a migration is never renamed).
// Exits 1 and lists each violation.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export type Violation = { file: string; specifier: string; reason: string };

function sourceFiles(folder: string): string[] {
  if (!fs.existsSync(folder)) return [];
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory())
      return entry.name === 'node_modules' || entry.name === 'dist' ? [] : sourceFiles(full);
    return /\.(ts|tsx|mts)$/.test(entry.name) ? [full] : [];
  });
}

type Place =
  | { area: 'module'; module: string; rest: string }
  | { area: 'platform' | 'web' | 'other' };

function placeOf(root: string, file: string): Place {
  const relative = path.relative(root, file).split(path.sep);
  if (relative[0] === 'src' && relative[1] === 'modules' && relative[2]) {
    return { area: 'module', module: relative[2], rest: relative.slice(3).join('/') };
  }
  if (relative[0] === 'src' && relative[1] === 'platform') return { area: 'platform' };
  if (relative[0] === 'web') return { area: 'web' };
  return { area: 'other' };
}

function resolveSpecifier(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  return path.resolve(path.dirname(from), specifier);
}

/** Type-only imports are erased at build time; the web app may take types from anywhere in modules. */
function importsOf(file: string): Array<{ specifier: string; typeOnly: boolean }> {
  const source = ts.createSourceFile(
    file,
    fs.readFileSync(file, 'utf8'),
    ts.ScriptTarget.Latest,
    false,
  );
  const found: Array<{ specifier: string; typeOnly: boolean }> = [];
  const visit = (node: ts.Node) => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      const typeOnly = ts.isImportDeclaration(node)
        ? Boolean(node.importClause?.isTypeOnly)
        : node.isTypeOnly;
      found.push({ specifier: node.moduleSpecifier.text, typeOnly });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments;
      if (argument && ts.isStringLiteral(argument))
        found.push({ specifier: argument.text, typeOnly: false });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const doors = new Set(['index.ts', 'index']);

/** `schemas.ts` and `<name>-schemas.ts`: pure zod, no server code, no SQL. */
const isSchemasFile = (file: string) => /(^|\/)([a-z0-9]+-)*schemas(\.ts)?$/.test(file);

// What a schemas file may take besides zod and other schemas files: packages of pure data and
// checks that run the same in the browser (the country list). Adding one here is a choice to make
// for the web app's weight too.
const pureSchemaPackages = new Set(['zod', 'i18n-iso-countries']);

/**
 * A schemas file stays pure zod, since the web app and other modules' schemas import it: its
 * values come only from zod, the pure packages above, other schemas files and JSON data; it may
 * take types from anywhere.
 */
function checkSchemasFile(
  root: string,
  file: string,
  imports: Array<{ specifier: string; typeOnly: boolean }>,
): Violation[] {
  const violations: Violation[] = [];
  for (const { specifier, typeOnly } of imports) {
    if (typeOnly) continue;
    const target = resolveSpecifier(file, specifier);
    const pure = target
      ? target.endsWith('.json') ||
        isSchemasFile(path.relative(path.join(root, 'src'), target).split(path.sep).join('/'))
      : pureSchemaPackages.has(
          specifier.startsWith('@')
            ? specifier.split('/').slice(0, 2).join('/')
            : (specifier.split('/')[0] ?? ''),
        );
    if (!pure) {
      violations.push({
        file: path.relative(root, file),
        specifier,
        reason:
          'a schemas file stays pure zod: it may import only zod, other schemas files, JSON data and types (`import type`)',
      });
    }
  }
  return violations;
}

/** The texts of a file's string and template literals, where its SQL is. */
function literalsOf(file: string): string[] {
  const source = ts.createSourceFile(
    file,
    fs.readFileSync(file, 'utf8'),
    ts.ScriptTarget.Latest,
    false,
  );
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    ) {
      found.push(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Who owns which tables: by prefix (each module its name, and what its tables.json adds). */
type Ownership = {
  prefixes: Array<{ prefix: string; owner: string }>;
  /** Migrations named after another module than the one that owns them now. */
  migrations: Map<string, string>;
};

/** A module's tables.json; a list that is not one of names is a mistake worth stopping on. */
function readTablesFile(file: string): { tablePrefixes: string[]; migrations: string[] } {
  const declared = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  const names = (key: string): string[] => {
    const list = declared[key] ?? [];
    if (!Array.isArray(list) || !list.every((item) => typeof item === 'string'))
      throw new Error(`${file}: ${key} must be a list of names`);
    return list;
  };
  return { tablePrefixes: names('tablePrefixes'), migrations: names('migrations') };
}

function ownershipOf(root: string, modules: string[]): Ownership {
  const prefixes = [...modules, 'platform'].map((owner) => ({ prefix: owner, owner }));
  const migrations = new Map<string, string>();
  for (const module of modules) {
    const file = path.join(root, 'src', 'modules', module, 'tables.json');
    if (!fs.existsSync(file)) continue;
    const declared = readTablesFile(file);
    for (const prefix of declared.tablePrefixes) prefixes.push({ prefix, owner: module });
    for (const migration of declared.migrations) migrations.set(migration, module);
  }
  // The longest prefix first: `network_project_figure` is the projects module's, not the network's.
  prefixes.sort((a, b) => b.prefix.length - a.prefix.length);
  return { prefixes, migrations };
}

/** Table names of known owners (`network_organization` is the network module's). */
function tablesIn(
  text: string,
  ownership: Ownership,
): Array<{ table: string; owner: string; at: number }> {
  const alternatives = ownership.prefixes.map(({ prefix }) => prefix).join('|');
  const pattern = new RegExp(`\\b(?:${alternatives})(?:_[a-z0-9_]+)?\\b`, 'g');
  return [...text.matchAll(pattern)].flatMap((match) => {
    const table = match[0];
    const owner = ownership.prefixes.find(
      ({ prefix }) => table.startsWith(`${prefix}_`) || (table === prefix && prefix.includes('_')),
    )?.owner;
    return owner === undefined ? [] : [{ table, owner, at: match.index }];
  });
}

/** Each module's SQL names only its own tables; the platform's SQL names no module's. */
function checkTables(root: string, files: string[]): Violation[] {
  const modulesFolder = path.join(root, 'src', 'modules');
  const modules = fs.existsSync(modulesFolder)
    ? fs
        .readdirSync(modulesFolder, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
    : [];
  if (modules.length === 0) return [];
  const ownership = ownershipOf(root, modules);
  const violations: Violation[] = [];
  for (const file of files) {
    if (/\.test\.tsx?$/.test(file)) continue; // tests may look at any table to check a result
    const place = placeOf(root, file);
    const self =
      place.area === 'module' ? place.module : place.area === 'platform' ? 'platform' : undefined;
    if (self === undefined) continue;
    for (const literal of literalsOf(file)) {
      for (const { table, owner } of tablesIn(literal, ownership)) {
        if (owner === self || (self === 'platform' && owner === 'platform')) continue;
        violations.push({
          file: path.relative(root, file),
          specifier: table,
          reason:
            self === 'platform'
              ? `the platform names the table ${table} of module "${owner}": the platform knows no module`
              : `module "${self}" names the table ${table} of ${owner === 'platform' ? 'the platform' : `module "${owner}"`}: ask its door instead`,
        });
      }
    }
  }
  const migrations = path.join(root, 'migrations');
  if (!fs.existsSync(migrations)) return violations;
  for (const name of fs.readdirSync(migrations).filter((entry) => entry.endsWith('.sql'))) {
    const self = ownership.migrations.get(name) ?? name.split('_')[1];
    if (!self) continue;
    // Comments may speak of any table.
    const sql = fs
      .readFileSync(path.join(migrations, name), 'utf8')
      .replace(/--[^\n]*/g, (comment) => ' '.repeat(comment.length));
    for (const { table, owner, at } of tablesIn(sql, ownership)) {
      if (owner === self) continue;
      if (/\breferences\s+$/i.test(sql.slice(Math.max(0, at - 40), at))) continue;
      violations.push({
        file: `migrations/${name}`,
        specifier: table,
        reason: `a ${self} migration names the table ${table} of ${owner === 'platform' ? 'the platform' : `module "${owner}"`}; only a foreign key (references ${table}) may`,
      });
    }
  }
  return violations;
}

export function checkBoundaries(root: string): Violation[] {
  const files = [...sourceFiles(path.join(root, 'src')), ...sourceFiles(path.join(root, 'web'))];
  const violations: Violation[] = [];
  for (const file of files) {
    const from = placeOf(root, file);
    const imports = importsOf(file);
    const inSrc = !path.relative(path.join(root, 'src'), file).startsWith('..');
    if (
      inSrc &&
      isSchemasFile(path.relative(path.join(root, 'src'), file).split(path.sep).join('/'))
    )
      violations.push(...checkSchemasFile(root, file, imports));
    for (const { specifier, typeOnly } of imports) {
      const target = resolveSpecifier(file, specifier);
      if (!target) continue;
      const to = placeOf(root, target);
      const relativeFile = path.relative(root, file);
      if (from.area === 'web') {
        const inSrc = !path.relative(path.join(root, 'src'), target).startsWith('..');
        if (!inSrc) continue;
        // Types erase at build; schemas files (`schemas.ts`, `<name>-schemas.ts`) are pure zod (a
        // module's, or the platform's own such as the audit log's or money's), so neither brings
        // server code into the browser.
        const isSchemas = isSchemasFile(path.relative(path.join(root, 'src'), target));
        const allowed = typeOnly || (isSchemas && (to.area === 'module' || to.area === 'platform'));
        if (!allowed) {
          violations.push({
            file: relativeFile,
            specifier,
            reason:
              'the web app may import only schemas.ts (or <name>-schemas.ts) files, or types with `import type`',
          });
        }
        continue;
      }
      if (to.area !== 'module') continue;
      if (from.area === 'platform') {
        violations.push({
          file: relativeFile,
          specifier,
          reason: 'the platform must not depend on a module',
        });
        continue;
      }
      const sameModule = from.area === 'module' && from.module === to.module;
      // A module's manifest (module.ts) is what src/modules.ts plugs in, and only it.
      const manifest = to.rest === 'module.ts' && relativeFile === path.join('src', 'modules.ts');
      // Pure zod on pure zod (the projects' schemas take the network's sectors and countries):
      // what the web app may import, a module's schemas may too, and no server code comes along.
      const schemasOnSchemas =
        from.area === 'module' && isSchemasFile(from.rest) && isSchemasFile(to.rest);
      if (!sameModule && !doors.has(to.rest) && !manifest && !schemasOnSchemas) {
        violations.push({
          file: relativeFile,
          specifier,
          reason: `import module "${to.module}" through src/modules/${to.module}/index.ts, not its internals`,
        });
      }
    }
  }
  return [...violations, ...checkTables(root, files)];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const violations = checkBoundaries(process.cwd());
  for (const violation of violations) {
    const what = violation.specifier.startsWith('.') ? `imports ${violation.specifier}: ` : '';
    process.stderr.write(`${violation.file}: ${what}${violation.reason}\n`);
  }
  if (violations.length > 0) {
    process.stderr.write(`${violations.length} module boundary violation(s).\n`);
    process.exit(1);
  }
  process.stdout.write('Module boundaries respected.\n');
}
