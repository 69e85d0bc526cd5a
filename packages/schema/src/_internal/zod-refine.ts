import type { RefinementCtx } from 'zod';
import { CheckContext } from './context.js';

/**
 * Adapts a GDS rule (which reports into a CheckContext) to a zod `superRefine`: error-severity issues
 * become zod custom issues carrying the GDS code and message; warnings are dropped, since zod has no
 * notion of a warning and a warning must never fail a parse.
 */
export function gdsRefine<T>(rule: (value: T, ctx: CheckContext) => void) {
  return (value: T, zctx: RefinementCtx): void => {
    const ctx = new CheckContext();
    rule(value, ctx);
    for (const issue of ctx.issues) {
      if (issue.severity !== 'error') continue;
      zctx.addIssue({
        code: 'custom',
        message: issue.message,
        path: [...issue.path],
        params: { gdsCode: issue.code, ...issue.params },
      });
    }
  };
}
