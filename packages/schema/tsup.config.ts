import { readdirSync } from 'node:fs';
import { gdsTsup } from '../../tsup.config.base';

// One entry per standard (`@gds/schema/standards/<entity>`) so a browser bundle takes only the one it uses.
const entities = readdirSync('src/generated', { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'codelists')
  .map((d) => d.name);

export default gdsTsup({
  index: 'src/index.ts',
  zod: 'src/zod.ts',
  ...Object.fromEntries(entities.map((e) => [`generated/${e}/index`, `src/generated/${e}/index.ts`])),
});
