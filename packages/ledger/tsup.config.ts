import { gdsTsup } from '../../tsup.config.base';

export default gdsTsup({
  index: 'src/index.ts',
  memory: 'src/memory.ts',
  node: 'src/node.ts',
  sqlite: 'src/sqlite.ts',
  postgres: 'src/postgres.ts',
});
