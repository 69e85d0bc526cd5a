// Generates a GB18030 population CSV for the benchmark (not committed: made on each run).
import { closeSync, openSync, writeSync } from 'node:fs';
import iconv from 'iconv-lite';

const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const COUNTIES = [
  '110101',
  '110102',
  '110105',
  '110106',
  '110108',
  '310101',
  '310104',
  '330102',
  '350102',
  '370102',
  '440103',
  '440106',
];
const SURNAMES = ['张', '王', '李', '赵', '刘', '陈', '杨', '黄', '周', '吴'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '艳', '勇', '军', '𠮷', '䶮', '喆', '堃'];
const ETHNIC = ['汉族', '01', '汉', '蒙古族', '03', '满族'];
const STREETS = ['建国路', '朝阳北路', '中山路', '人民路'];

/** Writes `rows` person rows (unique valid IDs, rare characters in names) to `file`; returns its size. */
export function writePopulationCsv(file: string, rows: number): number {
  const fd = openSync(file, 'w');
  let size = 0;
  const put = (s: string) => {
    const b = iconv.encode(s, 'gb18030');
    writeSync(fd, b);
    size += b.length;
  };
  put('gmsfhm,xm,xb,mz,csrq,hb,ssxq,jlx,mlph,mlxz,xzjd,jcwh,lxdh\r\n');
  let batch: string[] = [];
  for (let i = 0; i < rows; i++) {
    const county = COUNTIES[i % COUNTIES.length]!;
    const y = 1930 + (i % 75);
    const m = 1 + ((i >> 3) % 12);
    const d = 1 + ((i >> 5) % 28);
    const birth = `${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`;
    // Unique per row: the sequence code walks with i across counties and dates.
    const seq = Math.floor(i / ((COUNTIES.length * 75 * 12 * 28) / 100)) % 1000;
    const first17 = `${county}${birth}${String(seq).padStart(3, '0')}`;
    let s = 0;
    for (let k = 0; k < 17; k++) s += (first17.charCodeAt(k) - 48) * W[k]!;
    const id = first17 + '10X98765432'[s % 11];
    const sex = seq % 2 === 1 ? (i % 2 ? '1' : '男') : i % 2 ? '2' : '女';
    const street = STREETS[i % 4]!;
    const name = SURNAMES[i % 10]! + GIVEN[(i >> 2) % GIVEN.length]! + GIVEN[(i >> 4) % GIVEN.length]!;
    batch.push(
      `${id},${name},${sex},${ETHNIC[i % ETHNIC.length]},${birth},1,${county},${street},${i % 200}号,${street}${i % 200}号${i % 20}栋,建国门街道,光华里社区,1${String(3800000000 + i)}\r\n`,
    );
    if (batch.length === 10000) {
      put(batch.join(''));
      batch = [];
    }
  }
  if (batch.length) put(batch.join(''));
  closeSync(fd);
  return size;
}
