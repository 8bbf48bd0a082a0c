// Rules every shipped playbook follows: ansible.builtin modules only (FQCN), no_log wherever a
// password is templated, no power-off in start/stop, and every task file is used.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SUPPORTED_PROVIDERS } from '../../../src/providers/registry.ts';
import { PROVIDER_IDS } from '../../../src/providers/types.ts';
import { packageRoot } from '../../../src/util/package-root.ts';

const root = join(packageRoot(), 'playbooks');
const yamlFiles = [
  ...readdirSync(root).filter((f) => f.endsWith('.yml')),
  ...readdirSync(join(root, 'tasks')).map((f) => `tasks/${f}`),
];
const KEYWORDS = new Set(
  'name when loop loop_control register until retries delay changed_when failed_when become become_user vars no_log run_once delegate_to block rescue always async poll timeout tags notify ignore_errors environment args check_mode'.split(
    ' ',
  ),
);
const SECRET_REF = /\{\{[^}]*_password[^}]*\}\}/;

type Task = Record<string, unknown>;
function tasksOf(list: unknown): Task[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((t: Task) => [t, ...tasksOf(t.block), ...tasksOf(t.rescue), ...tasksOf(t.always)]);
}
function allTasks(): { file: string; task: Task }[] {
  return yamlFiles.flatMap((file) => {
    const doc = parse(readFileSync(join(root, file), 'utf8')) as unknown[];
    const tasks = file.startsWith('tasks/')
      ? tasksOf(doc)
      : (doc as Task[]).flatMap((play) => tasksOf(play.tasks));
    return tasks.map((task) => ({ file, task }));
  });
}
const moduleOf = (t: Task) => Object.keys(t).find((k) => !KEYWORDS.has(k));

describe('shipped playbooks', () => {
  it('use only ansible.builtin modules, by their full names', () => {
    const offenders = allTasks()
      .filter(({ task }) => !task.block)
      .map(({ file, task }) => `${file}: ${moduleOf(task)}`)
      .filter((s) => !/: ansible\.builtin\.[a-z_]+$/.test(s));
    expect(offenders).toEqual([]);
  });

  it('hide the output of every task that templates a password', () => {
    const leaking = allTasks()
      .filter(({ task }) => {
        const mod = moduleOf(task);
        const args = mod ? task[mod] : undefined;
        const src = mod === 'ansible.builtin.template' ? String((args as Task).src) : null;
        const text = JSON.stringify(args) + (src ? readFileSync(join(root, src), 'utf8') : '');
        return SECRET_REF.test(text) && task.no_log !== true;
      })
      .map(({ file, task }) => `${file}: ${task.name}`);
    expect(leaking).toEqual([]);
    expect(SECRET_REF.test(readFileSync(join(root, 'templates/config.j2'), 'utf8'))).toBe(true);
  });

  it('leave power changes to terraform', () => {
    for (const f of ['start.yml', 'stop.yml']) {
      expect(readFileSync(join(root, f), 'utf8')).not.toMatch(/poweroff|shutdown|halt|reboot/);
    }
  });

  it('have a disk discovery file for every provider, and use every task file they ship', () => {
    const families = Object.values(SUPPORTED_PROVIDERS).map((p) => p.diskFamily);
    const shipped = readdirSync(join(root, 'tasks'));
    for (const id of PROVIDER_IDS) {
      expect(shipped, id).toContain(`disks-${SUPPORTED_PROVIDERS[id].diskFamily}.yml`);
    }
    const all = yamlFiles.map((f) => readFileSync(join(root, f), 'utf8')).join('\n');
    const used = (f: string) => all.includes(f) || families.some((x) => f === `disks-${x}.yml`);
    expect(shipped.filter((f) => !used(f))).toEqual([]);
  });
});
