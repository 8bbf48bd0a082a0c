// Diagnostics: the only user-visible channel of a provider (summary + detail, optional attribute path).

/** A provider diagnostic before it is turned into a tfplugin6 message by the server. */
export interface Diagnostic {
  severity: 'ERROR' | 'WARNING';
  summary: string;
  detail?: string;
  /** Attribute path: names, or numbers for list indexes. */
  attribute?: (string | number)[];
}

/** An error diagnostic. */
export function errorDiag(summary: string, detail?: string, attribute?: (string | number)[]): Diagnostic {
  return { severity: 'ERROR', summary, ...(detail ? { detail } : {}), ...(attribute ? { attribute } : {}) };
}

/** A warning diagnostic. */
export function warningDiag(summary: string, detail?: string, attribute?: (string | number)[]): Diagnostic {
  return { severity: 'WARNING', summary, ...(detail ? { detail } : {}), ...(attribute ? { attribute } : {}) };
}

/** True when any diagnostic is an error. */
export function hasError(diags: readonly Diagnostic[]): boolean {
  return diags.some((d) => d.severity === 'ERROR');
}

/** Turns a thrown value into an error diagnostic that keeps Ganeti's message and code. */
export function diagFromError(summary: string, err: unknown): Diagnostic {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    const detail =
      typeof code === 'string' && !err.message.includes(code) ? `${err.message} (${code})` : err.message;
    return errorDiag(summary, detail);
  }
  return errorDiag(summary, String(err));
}

/** Wire form of an attribute path (tfplugin6 AttributePath): names are attributes, numbers list indexes. */
export function toAttributePath(path: readonly (string | number)[]): { steps: object[] } {
  return { steps: path.map((s) => (typeof s === 'number' ? { element_key_int: s } : { attribute_name: s })) };
}
