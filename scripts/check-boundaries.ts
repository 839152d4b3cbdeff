// The modular monolith's one rule that no linter knows: a module is entered only through its
// index.ts. Also: the platform never depends on a module, and the web app takes nothing from
// src/ but the types and pure schemas of modules. Exits 1 and lists each violation.
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

export function checkBoundaries(root: string): Violation[] {
  const files = [...sourceFiles(path.join(root, 'src')), ...sourceFiles(path.join(root, 'web'))];
  const violations: Violation[] = [];
  for (const file of files) {
    const from = placeOf(root, file);
    for (const { specifier, typeOnly } of importsOf(file)) {
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
        const isSchemas = /(^|\/)([a-z0-9]+-)*schemas(\.ts)?$/.test(
          path.relative(path.join(root, 'src'), target),
        );
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
      if (!sameModule && !doors.has(to.rest)) {
        violations.push({
          file: relativeFile,
          specifier,
          reason: `import module "${to.module}" through src/modules/${to.module}/index.ts, not its internals`,
        });
      }
    }
  }
  return violations;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const violations = checkBoundaries(process.cwd());
  for (const violation of violations) {
    process.stderr.write(
      `${violation.file}: imports ${violation.specifier}: ${violation.reason}\n`,
    );
  }
  if (violations.length > 0) {
    process.stderr.write(`${violations.length} module boundary violation(s).\n`);
    process.exit(1);
  }
  process.stdout.write('Module boundaries respected.\n');
}
