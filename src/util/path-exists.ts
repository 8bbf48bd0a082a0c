// Whether a path exists (any type); never throws.
import { access } from 'node:fs/promises';

/** True when `path` exists. */
export function pathExists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
