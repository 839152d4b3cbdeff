import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { isWebRoute } from './web-routes.ts';

const id = '0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d7e';

describe('the paths the web app answers', () => {
  it('include the board of offers and needs, an entry, its edit form and the new one', () => {
    for (const path of [
      '/offers-and-needs',
      '/offers-and-needs/new',
      `/offers-and-needs/${id}`,
      `/offers-and-needs/${id}/edit`,
    ]) {
      expect(isWebRoute(path), path).toBe(true);
    }
  });

  it('leave out what the app does not show', () => {
    for (const path of [
      '/offers-and-needs/',
      '/offers-and-needs/old',
      `/offers-and-needs/${id}/close`,
      `/offers-and-needs/${id}/edit/more`,
      '/offers-and-needs/new/edit',
    ]) {
      expect(isWebRoute(path), path).toBe(false);
    }
  });

  it('include every part of the administration, the outbox too', async () => {
    const page = await readFile(
      new URL('../../../web/src/pages/admin/admin-page.tsx', import.meta.url),
      'utf8',
    );
    const slugs = [...page.matchAll(/\{ slug: '([a-z-]*)'/g)].map((match) => match[1] as string);
    expect(slugs).toContain('outbox');
    for (const slug of slugs) {
      const path = slug ? `/admin/${slug}` : '/admin';
      expect(isWebRoute(path), path).toBe(true);
    }
    expect(isWebRoute('/admin/nowhere')).toBe(false);
  });

  it('include every route of the web app, so a shared or reloaded link answers 200', async () => {
    const app = await readFile(new URL('../../../web/src/app.tsx', import.meta.url), 'utf8');
    const paths = [...app.matchAll(/<Route path="([^"]+)"/g)].map((match) => match[1] as string);
    expect(paths.length).toBeGreaterThan(10);
    for (const path of paths) {
      // A parameter stands for an id; an optional one (`:tab?`) is tried absent.
      const concrete = path.replace(/\/:[a-z]+\?$/i, '').replace(/:[a-z]+/gi, id);
      expect(isWebRoute(concrete), `${path} as ${concrete}`).toBe(true);
    }
  });
});
