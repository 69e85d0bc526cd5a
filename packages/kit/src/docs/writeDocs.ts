import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DocsFile } from './buildDocs.js';

/**
 * Writes the files of {@link buildDocs} under a folder, creating it; returns the paths written. The site
 * opens straight from the disk (`file://…/index.html`): it needs no server.
 *
 * @example
 * ```ts
 * import { buildDocs, writeDocs } from '@gds/kit';
 * writeDocs(buildDocs(), 'site'); // ['site/person/1.0.0.html', …]
 * ```
 */
export function writeDocs(files: readonly DocsFile[], outDir: string): string[] {
  return files.map((f) => {
    const path = join(outDir, f.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.content);
    return path;
  });
}
