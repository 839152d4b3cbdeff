// Time-ordered UUIDs (version 7): unique without coordination, and index-friendly.
import { v7 } from 'uuid';

export function newId(): string {
  return v7();
}
