export type { MergeFileInput, MergeFilesOptions, MergeFilesReport } from './node/mergeFiles.js';
export { mergeFiles } from './node/mergeFiles.js';
export { submissionFromFile } from './node/submissionFromFile.js';
