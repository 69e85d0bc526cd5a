import type { Bump } from '../compat/changeRules.js';

const ORDER: readonly Bump[] = ['none', 'patch', 'minor', 'major'];

/** The larger of two bumps. */
export function maxBump(a: Bump, b: Bump): Bump {
  return ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b;
}

export const SEMVER = /^(\d+)\.(\d+)\.(\d+)$/;
