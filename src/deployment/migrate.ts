// The one place where files written by earlier CLI versions are brought to today's names on read.
// Only the in-memory view changes: terraform.tfvars.json stays as written, because it must keep
// matching the .tf files copied into the same directory at init (a re-render would change live
// resources). Validation of the values (issue 18) runs after this, on the migrated view.

/** tfvars names written before the same-meaning variables got one name, with today's names. */
export const TFVARS_RENAMES: Readonly<Record<string, string>> = {
  libvirt_memory_gib: 'node_memory_gib',
  libvirt_vcpus: 'node_vcpus',
  ganeti_vcpus: 'node_vcpus',
  libvirt_image: 'os_image',
};

/** The tfvars under today's names: renamed keys, and Ganeti's MiB memory as GiB. */
export function migrateTfvars(raw: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'ganeti_memory_mib' && typeof value === 'number') out.node_memory_gib ??= value / 1024;
    else if (key in TFVARS_RENAMES) out[TFVARS_RENAMES[key] as string] ??= value;
    else out[key] = value;
  }
  return out;
}

/**
 * The state under today's schema. Schema version 1 is today's: nothing to change yet; a later
 * version adds its step here (and readState accepts the versions this function migrates).
 */
export function migrateState(raw: Record<string, unknown>): Record<string, unknown> {
  return raw;
}
