// Removes the instances a test run created (by name prefix), so the shared cluster stays clean.
import type { RapiClient } from '../../src/ganeti/client.ts';
import { waitForJob } from '../../src/ganeti/jobs.ts';

/** Deletes every instance whose name starts with `prefix` and waits for the deletions. */
export async function removeInstancesWithPrefix(client: RapiClient, prefix: string): Promise<void> {
  const mine = (await client.instances()).filter((i) => i.name.startsWith(prefix));
  await Promise.all(
    mine.map(async (i) => {
      await waitForJob(client, await client.deleteInstance(i.name), { timeoutMs: 120_000 }).catch(
        () => undefined,
      );
    }),
  );
}
