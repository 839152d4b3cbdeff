import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkBoundaries } from './check-boundaries.ts';

let root: string;
function write(file: string, text: string) {
  const full = path.join(root, file);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, text);
}
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

function tree(files: Record<string, string>) {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'intercoop-boundaries-'));
  write(
    'src/modules/finance/index.ts',
    "export { recordRepayment } from './loans/record-repayment.ts';\n",
  );
  write('src/modules/finance/loans/record-repayment.ts', 'export const recordRepayment = 1;\n');
  write('src/modules/finance/schemas.ts', 'export const Loan = 1;\n');
  write('src/modules/network/index.ts', 'export const x = 1;\n');
  write('src/platform/db.ts', 'export const db = 1;\n');
  write('src/platform/money.ts', 'export const allocate = 1;\n');
  write('src/platform/money-schemas.ts', 'export const Money = 1;\n');
  for (const [file, text] of Object.entries(files)) write(file, text);
  return checkBoundaries(root);
}

describe('the module boundary check', () => {
  it('accepts imports through a module’s index.ts and within a module', () => {
    expect(
      tree({
        'src/modules/network/use.ts':
          "import { recordRepayment } from '../finance/index.ts';\nimport { db } from '../../platform/db.ts';\n",
        'src/modules/finance/loans/other.ts':
          "import { recordRepayment } from './record-repayment.ts';\n",
        'src/main.ts': "import { x } from './modules/network/index.ts';\n",
        'src/modules/finance/module.ts': 'export const financeModule = 1;\n',
        'src/modules.ts': "import { financeModule } from './modules/finance/module.ts';\n",
        'web/src/page.tsx':
          "import type { Loan } from '../../src/modules/finance/loans/record-repayment.ts';\nimport { Loan as L } from '../../src/modules/finance/schemas.ts';\n",
        'web/src/money.ts': "import { Money } from '../../src/platform/money-schemas.ts';\n",
      }),
    ).toEqual([]);
  });

  it('catches a module reaching into another module’s internals', () => {
    const violations = tree({
      'src/modules/network/use.ts':
        "import { recordRepayment } from '../finance/loans/record-repayment.ts';\n",
      'src/modules/finance/module.ts': 'export const financeModule = 1;\n',
      'src/main.ts': "import { financeModule } from './modules/finance/module.ts';\n",
    });
    expect(violations).toEqual([
      {
        file: 'src/main.ts',
        specifier: './modules/finance/module.ts',
        reason: 'import module "finance" through src/modules/finance/index.ts, not its internals',
      },
      {
        file: 'src/modules/network/use.ts',
        specifier: '../finance/loans/record-repayment.ts',
        reason: 'import module "finance" through src/modules/finance/index.ts, not its internals',
      },
    ]);
  });

  it('catches re-exports, dynamic imports and the platform depending on a module', () => {
    const violations = tree({
      'src/modules/network/a.ts':
        "export { recordRepayment } from '../finance/loans/record-repayment.ts';\n",
      'src/modules/network/b.ts': "const m = await import('../finance/queries.ts');\n",
      'src/platform/c.ts': "import { x } from '../modules/network/index.ts';\n",
    });
    expect(violations.map((violation) => violation.file).sort()).toEqual([
      'src/modules/network/a.ts',
      'src/modules/network/b.ts',
      'src/platform/c.ts',
    ]);
  });

  it('catches the web app importing server code', () => {
    const violations = tree({
      'web/src/page.tsx':
        "import { recordRepayment } from '../../src/modules/finance/index.ts';\nimport { db } from '../../src/platform/db.ts';\nimport { allocate } from '../../src/platform/money.ts';\n",
    });
    expect(violations).toHaveLength(3);
    expect(violations[0]?.reason).toMatch(/web app may import only/);
  });

  it('lets the web app import any <name>-schemas.ts of a module, and nothing else of it', () => {
    const violations = tree({
      'src/modules/finance/loans/loan-schemas.ts':
        "import { z } from 'zod';\nimport { Loan } from '../schemas.ts';\nexport const LoanInput = z.object({});\n",
      'src/modules/finance/loans/loan-rules.ts': 'export const rules = 1;\n',
      'web/src/loan-form.tsx':
        "import { LoanInput } from '../../src/modules/finance/loans/loan-schemas.ts';\nimport { rules } from '../../src/modules/finance/loans/loan-rules.ts';\n",
    });
    expect(violations).toEqual([
      {
        file: 'web/src/loan-form.tsx',
        specifier: '../../src/modules/finance/loans/loan-rules.ts',
        reason:
          'the web app may import only schemas.ts (or <name>-schemas.ts) files, or types with `import type`',
      },
    ]);
  });

  it('keeps schemas files pure: zod, other schemas files, JSON data and types only', () => {
    const violations = tree({
      'src/platform/table.json': '{}',
      'src/platform/limits-schemas.ts':
        "import { z } from 'zod';\nimport type { Actor } from './db.ts';\nimport table from './table.json' with { type: 'json' };\nimport { Money } from './money-schemas.ts';\nimport countries from 'i18n-iso-countries';\n",
      'src/modules/finance/loans/loan-schemas.ts':
        "import { z } from 'zod';\nimport { db } from '../../../platform/db.ts';\nimport { recordRepayment } from './record-repayment.ts';\nimport express from 'express';\nexport { allocate } from '../../../platform/money.ts';\n",
    });
    expect(violations.map(({ file, specifier }) => `${file} ${specifier}`).sort()).toEqual([
      'src/modules/finance/loans/loan-schemas.ts ../../../platform/db.ts',
      'src/modules/finance/loans/loan-schemas.ts ../../../platform/money.ts',
      'src/modules/finance/loans/loan-schemas.ts ./record-repayment.ts',
      'src/modules/finance/loans/loan-schemas.ts express',
    ]);
    expect(violations[0]?.reason).toMatch(/schemas file stays pure zod/);
  });

  it('catches a module’s SQL naming another module’s or the platform’s tables', () => {
    const violations = tree({
      'src/modules/finance/queries.ts':
        "const a = db.selectFrom('finance_loan').innerJoin('network_organization', 'x', 'y');\nconst b = sql`select * from platform_audit_entry`;\n",
      'src/modules/finance/loans/ok.ts': "const c = db.insertInto('finance_repayment');\n",
      'src/platform/d.ts': 'const d = sql`update network_organization set name = $' + '{name}`;\n',
      'src/modules/finance/finance.api.test.ts':
        "const e = 'select * from network_organization';\n",
    });
    expect(violations.map(({ file, specifier }) => `${file} ${specifier}`).sort()).toEqual([
      'src/modules/finance/queries.ts network_organization',
      'src/modules/finance/queries.ts platform_audit_entry',
      'src/platform/d.ts network_organization',
    ]);
    expect(violations[0]?.reason).toMatch(/ask its door instead|knows no module/);
  });

  it('lets a migration refer to another module’s table by a foreign key only', () => {
    const violations = tree({
      'migrations/0020_finance_loans.sql':
        '-- a loan to a member of network_organization\ncreate table finance_loan (id uuid primary key, organization_id uuid not null references network_organization (id));\n',
      'migrations/0021_finance_backfill.sql':
        'insert into finance_loan (id, organization_id) select id, id from network_organization;\n',
    });
    expect(violations).toEqual([
      {
        file: 'migrations/0021_finance_backfill.sql',
        specifier: 'network_organization',
        reason:
          'a finance migration names the table network_organization of module "network"; only a foreign key (references network_organization) may',
      },
    ]);
  });

  it('lets a module own tables named after another, as its tables.json declares', () => {
    const violations = tree({
      'src/modules/projects/index.ts': 'export const y = 1;\n',
      'src/modules/projects/tables.json': JSON.stringify({
        tablePrefixes: ['network_project'],
        migrations: ['0006_network_projects.sql'],
      }),
      'src/modules/projects/queries.ts':
        "const a = db.selectFrom('network_project').innerJoin('network_project_figure', 'f', 'g');\nconst b = sql`select * from network_organization`;\n",
      'src/modules/network/queries.ts':
        "const c = db.selectFrom('network_organization');\nconst d = db.selectFrom('network_project_participant');\n",
      'migrations/0006_network_projects.sql':
        'create table network_project (id uuid primary key);\ncreate table network_project_participant (organization_id uuid references network_organization (id));\n',
      'migrations/0013_network_backfill.sql':
        'update network_project set id = id;\nupdate network_organization set id = id;\n',
      'migrations/0020_projects_more.sql':
        'alter table network_project_figure add column x int;\ninsert into network_project_figure select id from network_organization;\n',
    });
    expect(violations.map(({ file, specifier }) => `${file} ${specifier}`).sort()).toEqual([
      'migrations/0013_network_backfill.sql network_project',
      'migrations/0020_projects_more.sql network_organization',
      'src/modules/network/queries.ts network_project_participant',
      'src/modules/projects/queries.ts network_organization',
    ]);
    expect(
      violations.find((violation) => violation.file === 'src/modules/network/queries.ts')?.reason,
    ).toBe(
      'module "network" names the table network_project_participant of module "projects": ask its door instead',
    );
  });

  it('lets a module’s schemas build on another’s schemas, and nothing else of it', () => {
    const violations = tree({
      'src/modules/network/schemas.ts': "import { z } from 'zod';\nexport const Country = 1;\n",
      'src/modules/projects/index.ts': 'export const y = 1;\n',
      'src/modules/projects/schemas.ts': "import { Country } from '../network/schemas.ts';\n",
      'src/modules/projects/figures/figure-schemas.ts':
        "export type { Country } from '../../network/schemas.ts';\n",
      'src/modules/projects/queries.ts': "import { Country } from '../network/schemas.ts';\n",
      'src/modules/projects/more-schemas.ts': "import { x } from '../network/queries.ts';\n",
    });
    // The schemas file reaching into the network's queries breaks both rules: the door, and purity.
    expect(
      violations
        .map(({ file, specifier, reason }) => `${file} ${specifier} ${reason.split(':')[0]}`)
        .sort(),
    ).toEqual([
      'src/modules/projects/more-schemas.ts ../network/queries.ts a schemas file stays pure zod',
      'src/modules/projects/more-schemas.ts ../network/queries.ts import module "network" through src/modules/network/index.ts, not its internals',
      'src/modules/projects/queries.ts ../network/schemas.ts import module "network" through src/modules/network/index.ts, not its internals',
    ]);
  });

  it('passes on this repository', () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'intercoop-boundaries-'));
    expect(checkBoundaries(path.resolve(import.meta.dirname, '..'))).toEqual([]);
    // It parses every source file: a second or two alone, more on a busy machine.
  }, 30_000);
});
