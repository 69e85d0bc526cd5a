export { type CheckMappingOptions, checkMapping, type MappingProblem } from './checkMapping.js';
export {
  type Converter,
  type ConverterOptions,
  type ConvertOutcome,
  type ConvertResult,
  createConverter,
  type MappingRuntimeOptions,
  type RecordValidator,
} from './createConverter.js';
export { createExporter, type Exporter } from './createExporter.js';
export { createNdjsonWriter } from './createNdjsonWriter.js';
export { type Crosswalk, type CrosswalkEntry, type Equivalence, parseCrosswalk } from './crosswalk.js';
export { detectExcelMangledId } from './detectExcelMangledId.js';
export {
  type ColumnGuess,
  type DraftMappingOptions,
  type DraftMappingResult,
  draftMapping,
  type KnownMapping,
  TO_FILL,
} from './draftMapping.js';
export { GdsConvertError, type GdsConvertErrorCode } from './errors.js';
export {
  type FieldRule,
  type IdRule,
  type Mapping,
  type MappingSource,
  parseMapping,
  type RowFilter,
} from './mapping.js';
export { parseLegacyDate } from './parseLegacyDate.js';
export { type JsonReaderOptions, readJson } from './readJson.js';
export { type NdjsonReaderOptions, readNdjson } from './readNdjson.js';
export type {
  ByteSource,
  ReaderOptions,
  SourceInfo,
  SourceReader,
  SourceRecord,
  SourceValue,
} from './record.js';
export type { ConvertReport, IssueGroup } from './report.js';
export {
  builtinTransforms,
  type PipelineValue,
  type TransformContext,
  type TransformDefinition,
  type TransformDoc,
  type TransformParamDoc,
  type TransformSpec,
} from './transforms.js';
export type { TableWriter } from './writer.js';
