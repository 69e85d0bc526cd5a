import type { IdentifierFinding } from '../identifiers/finding.js';

/** A state of a case (code list `case-status`). */
export type CaseState =
  | 'accepted'
  | 'dispatched'
  | 'handling'
  | 'responded'
  | 'verified'
  | 'returned'
  | 'closed'
  | 'evaluated';

/**
 * The case lifecycle GDS validates: for each action (code list `case-action`), the states it may be
 * taken in and the state it leads to (`null`: the state does not change). It unites the 12345 hotline
 * flow (国办发〔2020〕53号: 受理, 派单, 办理, 回复, 督办, 办结, 回访, 评价) and the digital city
 * management flow (案件建立, 派遣, 处理, 反馈, 核查, 结案), with the local steps 退单, 延期 and 催办.
 * `standards/codelists/case-action.csv` carries the same table in its `from` and `to` columns (a test
 * keeps them equal); jurisdictions with another flow map their steps onto these actions.
 *
 * @example
 * ```ts
 * import { CASE_TRANSITIONS } from '@gds/schema';
 * CASE_TRANSITIONS.dispatch.to; // 'dispatched'
 * CASE_TRANSITIONS.urge.to; // null (催办 does not change the state)
 * ```
 */
export const CASE_TRANSITIONS: Readonly<
  Record<string, { from: readonly (CaseState | 'start')[]; to: CaseState | null }>
> = {
  accept: { from: ['start'], to: 'accepted' },
  dispatch: { from: ['accepted', 'returned', 'responded', 'verified'], to: 'dispatched' },
  return: { from: ['dispatched', 'handling'], to: 'returned' },
  handle: { from: ['dispatched'], to: 'handling' },
  extend: { from: ['dispatched', 'handling'], to: null },
  urge: { from: ['dispatched', 'handling'], to: null },
  feedback: { from: ['handling'], to: 'responded' },
  verify: { from: ['responded'], to: 'verified' },
  close: { from: ['accepted', 'returned', 'responded', 'verified'], to: 'closed' },
  revisit: { from: ['closed', 'evaluated'], to: null },
  evaluate: { from: ['closed'], to: 'evaluated' },
};

/** zh-CN labels of the states and actions, as in code lists `case-status` and `case-action` (a test keeps them equal). */
const ZH: Readonly<Record<string, string>> = {
  accepted: '已受理',
  dispatched: '已派遣',
  handling: '处置中',
  responded: '已反馈',
  verified: '已核查',
  returned: '已退单',
  closed: '已结案',
  evaluated: '已评价',
  accept: '受理',
  dispatch: '派遣',
  return: '退单',
  handle: '处置',
  extend: '延期',
  urge: '催办',
  feedback: '反馈',
  verify: '核查',
  close: '结案',
  revisit: '回访',
  evaluate: '评价',
};

/**
 * The zh-CN label of a case state or action code (`closed` -> `已结案`, `verify` -> `核查`), or the
 * code itself when it is not one.
 *
 * @example
 * ```ts
 * import { caseLabelZh } from '@gds/schema';
 * caseLabelZh('verify'); // '核查'
 * ```
 */
export function caseLabelZh(code: string): string {
  return Object.hasOwn(ZH, code) ? ZH[code]! : code;
}

/** A finding of `checkCaseLifecycle`: at a history step (`index`, field `action` or `at`) or at the status. */
export interface CaseLifecycleFinding extends IdentifierFinding {
  index?: number;
  field: 'action' | 'at' | 'status';
}

/**
 * Validates a case's history as a state machine (`CASE_TRANSITIONS`): it starts with `accept`, each
 * action is possible in the state the previous ones led to, timestamps never go back, and the case's
 * `status`, when given, is the state the history leads to. After an impossible step the check carries
 * on from the state that step claims, so one wrong entry yields one issue, not a cascade. Actions the
 * table does not know are skipped (the code list binding reports them).
 *
 * @example
 * ```ts
 * import { checkCaseLifecycle } from '@gds/schema';
 * checkCaseLifecycle([{ action: 'accept' }, { action: 'close' }], 'closed'); // []
 * checkCaseLifecycle([{ action: 'accept' }, { action: 'verify' }])[0]?.code; // 'case.invalid_transition'
 * ```
 */
export function checkCaseLifecycle(
  history: readonly { action?: unknown; at?: unknown }[],
  status?: string,
): CaseLifecycleFinding[] {
  const out: CaseLifecycleFinding[] = [];
  let state: CaseState | 'start' = 'start';
  let previous: { at: string; time: number } | undefined;
  history.forEach((step, index) => {
    if (typeof step.at === 'string') {
      const time = Date.parse(step.at);
      if (!Number.isNaN(time)) {
        if (previous && time < previous.time) {
          out.push({
            index,
            field: 'at',
            code: 'case.history_order',
            params: { at: step.at, previous: previous.at },
          });
        }
        previous = { at: step.at, time };
      }
    }
    const action = typeof step.action === 'string' ? step.action : undefined;
    const transition =
      action !== undefined && Object.hasOwn(CASE_TRANSITIONS, action) ? CASE_TRANSITIONS[action] : undefined;
    if (!transition) return;
    if (!transition.from.includes(state)) {
      out.push(
        state === 'start'
          ? {
              index,
              field: 'action',
              code: 'case.first_action',
              params: { action, actionZh: caseLabelZh(action!) },
            }
          : {
              index,
              field: 'action',
              code: 'case.invalid_transition',
              params: { state, action, stateZh: caseLabelZh(state), actionZh: caseLabelZh(action!) },
            },
      );
    }
    if (transition.to) state = transition.to;
  });
  if (status !== undefined && history.length > 0 && state !== 'start' && status !== state) {
    out.push({
      field: 'status',
      code: 'case.status_mismatch',
      params: { status, expected: state, statusZh: caseLabelZh(status), expectedZh: caseLabelZh(state) },
    });
  }
  return out;
}
