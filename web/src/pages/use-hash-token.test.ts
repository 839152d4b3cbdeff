// @vitest-environment happy-dom
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useHashToken } from './use-hash-token.ts';

afterEach(cleanup);

describe('the token of an emailed link', () => {
  it('is read from the fragment, removed from the address, and still known to a second mount', () => {
    window.history.replaceState(null, '', '/invitations/accept#token=abc123_-XYZ');
    const first = renderHook(() => useHashToken());
    expect(first.result.current).toBe('abc123_-XYZ');
    expect(window.location.hash).toBe('');
    first.unmount();
    // The page mounts again (as when a language catalogue arrives): the token must not be lost.
    const second = renderHook(() => useHashToken());
    expect(second.result.current).toBe('abc123_-XYZ');
  });

  it('is empty on another page without a fragment', () => {
    window.history.replaceState(null, '', '/password-reset');
    expect(renderHook(() => useHashToken()).result.current).toBe('');
  });

  it('is read from a link opened in the tab already showing the page (only the fragment changes)', () => {
    window.history.replaceState(null, '', '/password-reset');
    const hook = renderHook(() => useHashToken());
    expect(hook.result.current).toBe('');
    act(() => {
      window.history.replaceState(null, '', '/password-reset#token=fresh_Token-1');
      window.dispatchEvent(new window.Event('hashchange'));
    });
    expect(hook.result.current).toBe('fresh_Token-1');
    expect(window.location.hash).toBe('');
  });
});
