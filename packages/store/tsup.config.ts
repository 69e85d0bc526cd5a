import { gdsTsup } from '../../tsup.config.base';

export default gdsTsup({
  index: 'src/index.ts',
  node: 'src/node.ts',
  memory: 'src/memory.ts',
  sqlite: 'src/sqlite.ts',
  postgres: 'src/postgres.ts',
});
