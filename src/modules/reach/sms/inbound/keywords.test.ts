import { describe, expect, it } from 'vitest';
import { shippedLanguages } from '../../../../platform/messages/platform-messages.ts';
import { keywordLanguages, readCommand } from './keywords.ts';

describe('the command words', () => {
  it('exist in every shipped language', () => {
    expect([...keywordLanguages].sort()).toEqual([...shippedLanguages].sort());
  });

  it.each([
    ['STOP', 'stop', 'en'],
    ['stop please', 'stop', 'en'],
    ['  Stop.  ', 'stop', 'en'],
    ['UNSUBSCRIBE', 'stop', 'en'],
    ['arrêt', 'stop', 'fr'],
    ['ARRET', 'stop', 'fr'],
    ['baja', 'stop', 'es'],
    ['बंद', 'stop', 'hi'],
    ['बंद।', 'stop', 'hi'],
    ['start', 'start', 'en'],
    ['Démarrer', 'start', 'fr'],
    ['alta', 'start', 'es'],
    ['शुरू', 'start', 'hi'],
    ['help', 'help', 'en'],
    ['Aide', 'help', 'fr'],
    ['ayuda', 'help', 'es'],
    ['मदद', 'help', 'hi'],
  ])('reads %j as %s in %s', (text, command, language) => {
    expect(readCommand(text)).toMatchObject({ command, language });
  });

  it('reads nothing else as a command, and keeps at most 40 characters of the first word', () => {
    expect(readCommand('BAL')).toEqual({ keyword: 'BAL', command: undefined, language: undefined });
    expect(readCommand('stopping by later')).toMatchObject({ command: undefined });
    expect(readCommand('')).toEqual({ keyword: '', command: undefined, language: undefined });
    const long = readCommand(`${'🌾'.repeat(100)} stop`);
    expect(Array.from(long.keyword)).toHaveLength(40);
    expect(long.keyword).toBe('🌾'.repeat(40));
  });
});
