import { useEffect, useState } from 'react';
import { organizationName } from '../../api/admin.ts';

/** Names of these organizations by id, filled in as they arrive (each fetched once). */
export function useOrganizationNames(ids: readonly string[]): Record<string, string> {
  const [names, setNames] = useState<Record<string, string>>({});
  const key = [...new Set(ids)].sort().join(',');
  useEffect(() => {
    let live = true;
    for (const id of key ? key.split(',') : []) {
      organizationName(id).then((name) => {
        if (live && name !== null) setNames((known) => ({ ...known, [id]: name }));
      });
    }
    return () => {
      live = false;
    };
  }, [key]);
  return names;
}
