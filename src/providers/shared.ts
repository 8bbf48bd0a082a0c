// Small helpers shared by provider modules (validation rules that several targets use).
import type { CheckResult } from '../preflight/types.ts';

/** Owner check for targets that allow tag values of letters, digits and `_.:+=@/ -` (AWS/Azure style). */
export function tagOwnerRule(owner: string, maxLength = 256): string | null {
  if (owner.length === 0 || owner.length > maxLength) return `must be 1..${maxLength} characters`;
  if (!/^[A-Za-z0-9 _.:+=@/-]+$/.test(owner))
    return 'may contain only letters, digits, spaces and _ . : + = @ / -';
  return null;
}

/** Owner check for label-style targets (GCP labels, Ganeti tags, libvirt metadata): lowercase, digits, _ and -. */
export function labelOwnerRule(owner: string, maxLength = 63): string | null {
  if (owner.length === 0 || owner.length > maxLength) return `must be 1..${maxLength} characters`;
  if (!/^[a-z][a-z0-9_-]*$/.test(owner))
    return 'must start with a lowercase letter; then lowercase letters, digits, _ and -';
  return null;
}

/** A passing check line. */
export function pass(id: string, title: string, detail?: string): CheckResult {
  return detail === undefined ? { id, title, status: 'pass' } : { id, title, status: 'pass', detail };
}

/** A failing check line with the way to fix it. */
export function fail(id: string, title: string, detail: string, fix?: string): CheckResult {
  return fix === undefined
    ? { id, title, status: 'fail', detail }
    : { id, title, status: 'fail', detail, fix };
}

/** A skipped check line with the reason. */
export function skip(id: string, title: string, detail: string): CheckResult {
  return { id, title, status: 'skip', detail };
}
