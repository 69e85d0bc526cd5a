import { gdsTsup } from '../../tsup.config.base';

export default gdsTsup({ index: 'src/index.ts' });
