// `npm run generate [-- --check]`: regenerates @gds/schema's generated modules from standards/ with
// @gds/kit. With --check it writes nothing and fails when any generated file is stale, missing or extra.
import { join } from 'node:path';
import { generateStandards, writeGenerated } from '@gds/kit';

const root = join(import.meta.dirname, '..');
const check = process.argv.includes('--check');
const outDir = join(root, 'packages/schema/src/generated');
try {
  const files = await generateStandards({ standardsRoot: join(root, 'standards') });
  const stale = writeGenerated(files, outDir, { check });
  if (check && stale.length) {
    process.stderr.write(
      `生成文件已过期（generated files are stale）: ${stale.join(', ')}\n运行 npm run generate 重新生成（run npm run generate）\n`,
    );
    process.exitCode = 1;
  } else {
    process.stdout.write(
      `${check ? 'checked' : 'generated'} ${files.length} files${check ? ', all current' : stale.length ? `, ${stale.length} changed` : ', none changed'}\n`,
    );
  }
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
