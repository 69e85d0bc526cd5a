import type { CheckContext } from '../../_internal/context.js';
import type { DivisionRegistry } from '../../identifiers/divisionRegistry.js';
import type { IdentifierFinding } from '../../identifiers/finding.js';
import type { IssuePath } from '../../issue.js';

/** Reports identifier findings at a path. */
export function report(ctx: CheckContext, path: IssuePath, findings: readonly IdentifierFinding[]): void {
  for (const f of findings) ctx.add(f.code, path, f.params, f.severity);
}

/**
 * The division registry a validation runs with: `ctx.divisions` when the context carries one (a full
 * statistics list the caller loaded), else the bundled excerpt.
 */
export function divisionsOf(ctx: CheckContext): DivisionRegistry | undefined {
  return ctx.divisions;
}
