import { describe, expect, it } from 'vitest';
import { addressFaults, headerFaults } from './request-text.ts';

describe('addressFaults', () => {
  it('names each query parameter and path segment whose text is not well-formed', () => {
    expect(addressFaults('/api/x/%00/y?q=%FF&fine=caf%C3%A9&n=a%00b&s=%ED%A0%80')).toEqual([
      { in: 'path', segment: 3, problem: 'control-characters' },
      { in: 'query', name: 'q', problem: 'invalid-encoding' },
      { in: 'query', name: 'n', problem: 'control-characters' },
      { in: 'query', name: 's', problem: 'invalid-encoding' },
    ]);
  });

  it('passes ordinary addresses, plus signs and stray percent signs', () => {
    expect(addressFaults('/api/network/organizations?q=100%25+coop&near=23.03,72.58')).toEqual([]);
    expect(addressFaults('/api/network/organizations?q=50%+off')).toEqual([]);
    expect(addressFaults('/api/network/organizations?q=%E0%A4%B8%E0%A4%B9')).toEqual([]);
  });

  it('reads a name whose own bytes are at fault', () => {
    expect(addressFaults('/api?b%FF=1')).toEqual([
      { in: 'query', name: 'b\ufffd', problem: 'invalid-encoding' },
    ]);
  });
});

describe('headerFaults', () => {
  it('reads header values as the bytes sent (Latin-1 characters), and names the header', () => {
    const utf8AsNodeGivesIt = Buffer.from('Navigateur café', 'utf8').toString('latin1');
    expect(
      headerFaults([
        'User-Agent',
        utf8AsNodeGivesIt,
        'X-Note',
        Buffer.from('caf\u00e9', 'latin1').toString('latin1'),
        'X-Other',
        'a\u0000b',
      ]),
    ).toEqual([
      { in: 'header', name: 'x-note', problem: 'invalid-encoding' },
      { in: 'header', name: 'x-other', problem: 'control-characters' },
    ]);
  });
});
