/**
 * zod 4 schemas of every GDS standard version, for composing validation into forms and API routers:
 * `personZod`, `personZod_1_0_0`, … They report the errors of the compiled validators (tests keep them
 * equal) as zod `custom` issues with `params.gdsCode`, the GDS params and path, and GDS's message in the
 * locale zod is configured to (`z.config(z.locales.en())`; zh-CN under zod's default). Prefer
 * `person.validate()` on hot paths, it is much faster on invalid data.
 *
 * @example
 * ```ts
 * import { personZod } from '@gds/schema/zod';
 * const r = personZod.safeParse(record);
 * if (!r.success) r.error.issues[0].params; // { gdsCode: 'min_length', limit: 1 }
 * ```
 * @packageDocumentation
 */
export * from './generated/zod.js';
