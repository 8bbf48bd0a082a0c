// SSH to a booted test guest with a given key, outside any deployment's ssh_config (throw-away guests:
// host keys are not pinned). Bounded: ConnectTimeout 5 s, the whole call at most 60 s.
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';

/** Runs `command` as `target` (user@host) with private key `key`; never throws. */
export function sshGuest(key: string, target: string, command: string): SpawnSyncReturns<string> {
  return spawnSync(
    'ssh',
    [
      '-i',
      key,
      '-o',
      'BatchMode=yes',
      '-o',
      'IdentitiesOnly=yes',
      '-o',
      'StrictHostKeyChecking=no',
      '-o',
      'UserKnownHostsFile=/dev/null',
      '-o',
      'LogLevel=ERROR',
      '-o',
      'ConnectTimeout=5',
      target,
      command,
    ],
    { encoding: 'utf8', timeout: 60_000 },
  );
}
