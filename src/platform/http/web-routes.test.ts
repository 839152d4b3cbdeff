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
});
