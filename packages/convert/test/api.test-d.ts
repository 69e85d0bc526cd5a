import type {
  ConvertReport,
  ConvertResult,
  Mapping,
  SourceReader,
  SourceRecord,
  SourceValue,
  TableWriter,
} from '@gds/convert';
import { createConverter, createExporter, parseLegacyDate } from '@gds/convert';
import { readCsv } from '@gds/convert/csv';
import type { LoadedMapping } from '@gds/convert/node';
import { convertStream } from '@gds/convert/node';
import { createXlsxWriter } from '@gds/convert/xlsx';
import { expectTypeOf, test } from 'vitest';

test('public types', () => {
  expectTypeOf(readCsv).returns.toEqualTypeOf<SourceReader>();
  expectTypeOf<SourceReader>().toMatchTypeOf<AsyncIterable<SourceRecord>>();
  expectTypeOf<SourceRecord['values']>().toEqualTypeOf<readonly SourceValue[]>();
  expectTypeOf(createConverter).parameter(0).toEqualTypeOf<Mapping>();
  expectTypeOf<ReturnType<ReturnType<typeof createConverter>['convert']>>().toEqualTypeOf<ConvertResult>();
  expectTypeOf(createExporter).returns.toHaveProperty('columns');
  expectTypeOf(createXlsxWriter).returns.toEqualTypeOf<TableWriter>();
  expectTypeOf(parseLegacyDate).returns.toEqualTypeOf<string | null>();
  expectTypeOf(convertStream).parameter(0).toEqualTypeOf<LoadedMapping>();
  expectTypeOf(convertStream).returns.resolves.toEqualTypeOf<ConvertReport>();
  expectTypeOf<ConvertReport['stats']['rowsRead']>().toEqualTypeOf<number>();
});
