import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hashFile, sourcesFile, whyBuildAgain } from './record-sources.ts';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) fs.rmSync(root, { recursive: true, force: true });
});

function project() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'intercoop-build-'));
  roots.push(root);
  fs.mkdirSync(path.join(root, 'web', 'src'), { recursive: true });
  fs.writeFileSync(path.join(root, 'web', 'src', 'main.tsx'), 'export {};\n');
  return root;
}

function built(root: string, files: string[]) {
  fs.mkdirSync(path.join(root, 'web', 'dist'), { recursive: true });
  fs.writeFileSync(path.join(root, 'web', 'dist', 'index.html'), '<!doctype html>');
  const hashes = Object.fromEntries(
    files.map((file) => [file, hashFile(path.join(root, file)) ?? null]),
  );
  fs.writeFileSync(path.join(root, 'web', 'dist', sourcesFile), JSON.stringify(hashes));
}

describe('building the web app on start', () => {
  it('builds when never built, or built without a record of its sources', () => {
    const root = project();
    expect(whyBuildAgain(root)).toBe('not built yet');
    built(root, ['web/src/main.tsx']);
    fs.rmSync(path.join(root, 'web', 'dist', sourcesFile));
    expect(whyBuildAgain(root)).toBe('no record of what the last build read');
  });

  it('builds again only when a file the last build read has changed or gone', () => {
    const root = project();
    built(root, ['web/src/main.tsx', 'package-lock.json']);
    expect(whyBuildAgain(root)).toBeUndefined();
    // A file the build did not read changes nothing.
    fs.writeFileSync(path.join(root, 'web', 'src', 'unused.ts'), 'export {};\n');
    expect(whyBuildAgain(root)).toBeUndefined();
    fs.writeFileSync(path.join(root, 'package-lock.json'), '{}');
    expect(whyBuildAgain(root)).toBe('package-lock.json changed');
    built(root, ['web/src/main.tsx', 'package-lock.json']);
    fs.appendFileSync(path.join(root, 'web', 'src', 'main.tsx'), '// edited\n');
    expect(whyBuildAgain(root)).toBe('web/src/main.tsx changed');
    built(root, ['web/src/main.tsx']);
    fs.rmSync(path.join(root, 'web', 'src', 'main.tsx'));
    expect(whyBuildAgain(root)).toBe('web/src/main.tsx changed');
  });
});
