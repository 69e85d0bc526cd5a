/** @deprecated The batch merge of files moved to `@gds/store/node`; import these types from there. */
export type { MergeFileInput, MergeFilesOptions, MergeFilesReport } from '@gds/store/node';
/** @deprecated The batch merge of files moved to `@gds/store/node`: `import { mergeFiles } from '@gds/store/node'`. */
export { mergeFiles } from '@gds/store/node';
