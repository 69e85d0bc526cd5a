import { GdsError, type GdsErrorKind, isGdsError } from '@gds/errors';
import { describe, expect, it } from 'vitest';

class TestError extends GdsError<'GDS_TEST_BAD'> {
  constructor(kind: GdsErrorKind, options?: { cause?: unknown }) {
    super('GDS_TEST_BAD', kind, '参数无效', 'invalid argument', options);
    this.name = 'TestError';
  }
}

describe('GdsError', () => {
  it('carries code, kind, both halves of the message and the cause', () => {
    const cause = new Error('ENOENT');
    const e = new TestError('environment', { cause });
    expect(e).toBeInstanceOf(Error);
    expect(e).toBeInstanceOf(GdsError);
    expect(e).toBeInstanceOf(TestError);
    expect(e.name).toBe('TestError');
    expect(e.code).toBe('GDS_TEST_BAD');
    expect(e.kind).toBe('environment');
    expect(e.message).toBe('参数无效（invalid argument）');
    expect(e.messageZh).toBe('参数无效');
    expect(e.messageEn).toBe('invalid argument');
    expect(e.cause).toBe(cause);
    expect('cause' in new TestError('caller')).toBe(false);
  });
});

describe('isGdsError', () => {
  it('is true for the family and false for everything else', () => {
    for (const kind of ['input', 'caller', 'environment'] as const)
      expect(isGdsError(new TestError(kind))).toBe(true);
    expect(isGdsError(new GdsError('GDS_X', 'input', '坏', 'bad'))).toBe(true);
    const lookalike = Object.assign(new Error('x'), {
      name: 'GdsFakeError',
      code: 'GDS_FAKE',
      kind: 'input',
      messageZh: 'x',
      messageEn: 'x',
    });
    for (const v of [
      lookalike,
      new Error('x'),
      { code: 'GDS_X', kind: 'input' },
      null,
      undefined,
      'GDS_X',
      42,
    ])
      expect(isGdsError(v)).toBe(false);
  });

  it('recognises an error from another copy of @gds/errors (two versions installed)', () => {
    // A second copy has its own GdsError class but shares the registered symbol brand.
    class OtherCopy extends Error {
      readonly code = 'GDS_OTHER';
      readonly kind = 'caller';
      readonly messageZh = '其他';
      readonly messageEn = 'other';
      constructor() {
        super('其他（other）');
        Object.defineProperty(this, Symbol.for('@gds/errors.GdsError'), { value: true });
      }
    }
    const e = new OtherCopy();
    expect(e).not.toBeInstanceOf(GdsError);
    expect(isGdsError(e)).toBe(true);
  });
});
