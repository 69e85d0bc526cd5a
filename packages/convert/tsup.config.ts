import { gdsTsup } from '../../tsup.config.base';

export default gdsTsup({
  index: 'src/index.ts',
  csv: 'src/csv.ts',
  xlsx: 'src/xlsx.ts',
  xml: 'src/xml.ts',
  fixed: 'src/fixed.ts',
  node: 'src/node.ts',
});
