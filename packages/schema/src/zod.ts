/**
 * zod 4 schemas of every GDS standard version, for composing validation into forms and API routers:
 * `personZod`, `personZod_1_0_0`, … They agree with the compiled validators (a differential test
 * keeps them so); prefer `person.validate()` on hot paths, it is much faster on invalid data.
 *
 * @example
 * ```ts
 * import { personZod } from '@gds/schema/zod';
 * personZod.safeParse(record).success;
 * ```
 * @packageDocumentation
 */
export * from './generated/zod.js';
