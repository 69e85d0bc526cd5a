import * as policy from '@gds/policy';
import * as policyNode from '@gds/policy/node';
import * as store from '@gds/store';
import * as storeNode from '@gds/store/node';
import { expect, test } from 'vitest';

test('the merge moved to @gds/store; @gds/policy keeps deprecated re-exports of the same functions', () => {
  expect(policy.mergeRecords).toBe(store.mergeRecords);
  expect(policyNode.mergeFiles).toBe(storeNode.mergeFiles);
});
