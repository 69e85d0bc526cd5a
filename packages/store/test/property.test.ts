import { fc, test } from '@fast-check/vitest';
import { createMemoryAdapter } from '@gds/store/memory';
import { arbOp, checkProperty } from './_property.js';

test.prop([fc.array(arbOp, { maxLength: 12 })], { numRuns: 80 })(
  'memory: golden records equal the batch merge of the latest facts; history replays; repeats are no-ops',
  async (ops) => {
    await checkProperty(createMemoryAdapter(), ops);
  },
);
