import { CASE_TRANSITIONS, caseLabelZh, checkCaseLifecycle } from '@gds/schema';
import { readCodeList } from '@gds/standards/fs';
import { describe, expect, test } from 'vitest';

const codes = (findings: readonly { code: string }[]) => findings.map((f) => f.code);
const steps = (...actions: string[]) =>
  actions.map((action, i) => ({ action, at: `2025-03-01T0${i}:00:00+08:00` }));

describe('case lifecycle', () => {
  test('the transition table is the one in standards/codelists/case-action.csv', () => {
    const fromCsv = Object.fromEntries(
      readCodeList('case-action').entries.map((e) => [
        e.code,
        { from: e.extra.from!.split(';'), to: e.extra.to || null },
      ]),
    );
    expect(CASE_TRANSITIONS).toEqual(fromCsv);
  });

  test("zh labels are the code lists' labels", () => {
    for (const id of ['case-status', 'case-action']) {
      for (const e of readCodeList(id).entries) expect(caseLabelZh(e.code), e.code).toBe(e.zh);
    }
    expect(caseLabelZh('teleport')).toBe('teleport');
    expect(caseLabelZh('constructor')).toBe('constructor');
  });

  test('every state the table reaches is a code of case-status, and every status is reachable', () => {
    const statuses = readCodeList('case-status').entries.map((e) => e.code);
    const targets = Object.values(CASE_TRANSITIONS).flatMap((t) => (t.to ? [t.to] : []));
    expect([...new Set(targets)].sort()).toEqual([...statuses].sort());
  });

  test.each([
    [['accept', 'close'], 'closed'],
    [['accept', 'dispatch', 'handle', 'feedback', 'verify', 'close'], 'closed'],
    [
      ['accept', 'dispatch', 'urge', 'handle', 'extend', 'urge', 'feedback', 'close', 'revisit', 'evaluate'],
      'evaluated',
    ],
    [
      [
        'accept',
        'dispatch',
        'return',
        'dispatch',
        'handle',
        'feedback',
        'verify',
        'dispatch',
        'handle',
        'feedback',
      ],
      'responded',
    ],
    [['accept'], 'accepted'],
  ])('%j ends %s', (actions, status) => {
    expect(checkCaseLifecycle(steps(...actions), status)).toEqual([]);
  });

  test.each([
    [['dispatch', 'handle'], 'case.first_action', 0],
    [['accept', 'handle'], 'case.invalid_transition', 1],
    [['accept', 'dispatch', 'verify'], 'case.invalid_transition', 2],
    [['accept', 'close', 'dispatch'], 'case.invalid_transition', 2],
    [['accept', 'dispatch', 'handle', 'evaluate'], 'case.invalid_transition', 3],
    [['accept', 'urge'], 'case.invalid_transition', 1],
  ])('%j raises %s at step %i, once', (actions, code, index) => {
    const findings = checkCaseLifecycle(steps(...actions));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code, index, field: 'action' });
  });

  test('a status the history does not lead to', () => {
    expect(checkCaseLifecycle(steps('accept', 'dispatch'), 'closed')).toEqual([
      {
        field: 'status',
        code: 'case.status_mismatch',
        params: { status: 'closed', expected: 'dispatched', statusZh: '已结案', expectedZh: '已派遣' },
      },
    ]);
  });

  test('time going back is reported at the step, compared as instants', () => {
    const history = [
      { action: 'accept', at: '2025-03-01T10:00:00+08:00' },
      { action: 'dispatch', at: '2025-03-01T02:30:00Z' }, // 10:30 in Beijing: later, fine
      { action: 'handle', at: '2025-03-01T10:15:00+08:00' },
    ];
    expect(checkCaseLifecycle(history)).toEqual([
      {
        index: 2,
        field: 'at',
        code: 'case.history_order',
        params: { at: '2025-03-01T10:15:00+08:00', previous: '2025-03-01T02:30:00Z' },
      },
    ]);
  });

  test('unknown actions and missing timestamps are left to the other checks', () => {
    expect(
      codes(checkCaseLifecycle([{ action: 'accept' }, { action: 'teleport' }, { action: 'close' }])),
    ).toEqual([]);
    expect(checkCaseLifecycle([], 'closed')).toEqual([]);
    // Names of Object.prototype members are unknown actions too, not transitions.
    for (const action of ['constructor', 'toString', '__proto__']) {
      expect(codes(checkCaseLifecycle([{ action: 'accept' }, { action }, { action: 'close' }]))).toEqual([]);
    }
  });
});
