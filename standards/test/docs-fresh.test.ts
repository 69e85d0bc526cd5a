import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { buildDocs, writeDocs } from '@gds/kit';
import { listEntities, listVersions } from '@gds/standards/fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const committed = join(import.meta.dirname, '..', '..', 'docs', 'standards');
const HOW =
  'docs/standards 与 standards/ 不符，请运行 npm run docs 重新生成并提交（docs/standards is stale: run npm run docs and commit the result）';

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(/[\\/]/).join('/'))
    .sort();
}

describe('the committed documentation site (docs/standards) is current', () => {
  let fresh: string;
  beforeAll(() => {
    fresh = mkdtempSync(join(tmpdir(), 'gds-docs-fresh-'));
    // The same call as `npm run docs` (gds standards docs --released-only): released versions only, so
    // editing a draft does not make the published site stale.
    writeDocs(buildDocs({ releasedOnly: true }), fresh);
  });
  afterAll(() => rmSync(fresh, { recursive: true, force: true }));

  it('has exactly the files a rebuild makes', () => {
    expect(listFiles(committed), HOW).toEqual(listFiles(fresh));
  });

  it('every file has the content a rebuild gives it', () => {
    const stale = listFiles(fresh).filter((file) => {
      try {
        return !readFileSync(join(committed, file)).equals(readFileSync(join(fresh, file)));
      } catch {
        return true;
      }
    });
    expect(stale, HOW).toEqual([]);
  });

  it('documents every released version of every standard, and no draft', () => {
    const pages = listFiles(committed).filter((f) => /^[a-z-]+\/[^/]+\.html$/.test(f));
    const released = listEntities().flatMap((entity) =>
      listVersions(entity)
        .filter((v) => v !== 'next')
        .map((v) => `${entity}/${v}.html`),
    );
    expect(released).toContain('person/1.1.0.html');
    expect(pages.filter((p) => !p.endsWith('/index.html')).sort()).toEqual(released.sort());
  });
});
