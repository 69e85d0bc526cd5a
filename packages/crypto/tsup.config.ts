import { gdsTsup } from '../../tsup.config.base';

export default gdsTsup({ index: 'src/index.ts', sm: 'src/sm.ts', node: 'src/node.ts' });
