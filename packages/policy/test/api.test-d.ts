import type { SignedEnvelope } from '@gds/crypto';
import {
  type CandidatePair,
  createGrant,
  createMaskingRules,
  type DecisionReason,
  type FieldDecision,
  type GoldenRecord,
  type GrantCheck,
  type MergeResult,
  mergeRecords,
  type Projection,
  project,
  verifyGrant,
} from '@gds/policy';
import { type MergeFilesReport, mergeFiles } from '@gds/policy/node';
import { expectTypeOf, test } from 'vitest';

test('public API types', () => {
  expectTypeOf(createGrant).returns.resolves.toEqualTypeOf<SignedEnvelope>();
  expectTypeOf(verifyGrant).returns.resolves.toEqualTypeOf<GrantCheck>();
  expectTypeOf(project).returns.resolves.toEqualTypeOf<Projection>();
  expectTypeOf(mergeRecords).returns.toEqualTypeOf<MergeResult>();
  expectTypeOf(mergeFiles).returns.toEqualTypeOf<MergeFilesReport>();
  expectTypeOf<Projection['decisions']>().toEqualTypeOf<FieldDecision[]>();
  expectTypeOf<FieldDecision['reason']>().toEqualTypeOf<DecisionReason>();
  expectTypeOf<'grant.expired'>().toMatchTypeOf<DecisionReason>();
  expectTypeOf<MergeResult['golden']>().toEqualTypeOf<GoldenRecord[]>();
  expectTypeOf<MergeResult['candidates']>().toEqualTypeOf<CandidatePair[]>();
  expectTypeOf(createMaskingRules().mask).parameter(1).toBeUnknown();
});
