import type { CheckContext } from '../../_internal/context.js';
import type { IdentifierFinding } from '../../identifiers/finding.js';
import type { IssuePath } from '../../issue.js';

/** Reports identifier findings at a path (default: the value the rule was given, `[]`). */
export function report(ctx: CheckContext, findings: readonly IdentifierFinding[], path?: IssuePath): void {
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i]!;
    ctx.add(f.code, path ?? [], f.params, f.severity);
  }
}
