import { gdsTsup } from '../../tsup.config.base';

export default gdsTsup({ index: 'src/index.ts', sqlite: 'src/sqlite.ts', postgres: 'src/postgres.ts' });
