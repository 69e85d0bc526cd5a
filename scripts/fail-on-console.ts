import { afterEach, beforeEach, expect, vi } from 'vitest';

// Library code is silent (STYLE 16): any console output during a test fails that test.
const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
let calls: string[] = [];

beforeEach(() => {
  calls = [];
  for (const method of methods) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      calls.push(`console.${method}: ${args.map(String).join(' ')}`);
    });
  }
});

afterEach(() => {
  for (const method of methods) vi.mocked(console[method]).mockRestore();
  expect(calls, 'library code printed to the console').toEqual([]);
});
