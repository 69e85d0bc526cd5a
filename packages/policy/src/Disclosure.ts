/**
 * One field as it was disclosed: in clear or masked (with the rule), on which basis, and whose it is.
 *
 * @example
 * ```ts
 * import type { DisclosedField } from '@gds/policy';
 * const f: DisclosedField = { path: '/name', form: 'masked', rule: 'name-family', source: 'public-security', basis: 'grant', grant: 'g-1' };
 * ```
 */
export interface DisclosedField {
  path: string;
  form: 'clear' | 'masked';
  rule?: string;
  /** The field's authoritative source department: a department audits its own data by this. */
  source: string;
  /** `unconditional` (shareable with every department) or `grant`. */
  basis: 'unconditional' | 'grant';
  /** The grant that allowed it, for `basis: 'grant'`. */
  grant?: string;
}

/**
 * The disclosure receipt's content (披露记录): which fields of which records went to whom, under which
 * grants, when. `project` builds one per call and appends its hash (`hashRecord` of `@gds/ledger`) to
 * the ledger; {@link verifyDisclosure} checks a disclosure against its ledger receipt.
 *
 * @example
 * ```ts
 * import type { Disclosure } from '@gds/policy';
 * function audit(d: Disclosure, dept: string) {
 *   return d.fields.some((f) => f.source === dept) ? `${d.to.department} saw ${d.records.length} records` : null;
 * }
 * ```
 */
export interface Disclosure {
  type: 'gds-disclosure/v1';
  id: string;
  /** RFC 3339 UTC. */
  at: string;
  to: { department: string; purpose: string };
  standard: { entity: string; version: string };
  /** Ids of the grants that allowed at least one disclosed field. */
  grants: string[];
  /** The fields that left, in at least one record, in schema order. */
  fields: DisclosedField[];
  /** Ids of the records disclosed, in input order. */
  records: string[];
}
