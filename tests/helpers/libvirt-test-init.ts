// `exasol init` of the README's main job: a one-node libvirt deployment on libvirt's built-in test
// driver (no daemon), the quickest real deployment directory a test can make.

/** The init arguments of the README main job (add `--deployment-dir DIR` and any extra flags). */
export const LIBVIRT_TEST_INIT: readonly string[] = [
  'init',
  '--cloud-provider',
  'libvirt',
  '--libvirt-uri',
  'test:///default',
  '--libvirt-pool',
  'default-pool',
  '--libvirt-memory',
  '1',
];

/** The main-job init into `dir`, plus `extra` flags. */
export function libvirtTestInit(dir: string, ...extra: string[]): string[] {
  return [...LIBVIRT_TEST_INIT, '--deployment-dir', dir, ...extra];
}
