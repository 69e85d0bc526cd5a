import iconv from 'iconv-lite';
import { Random } from './random.js';
import { TOWNSHIP, type Township, township } from './township.js';

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

// Records whose health status is the legacy label 高血压, narrower than the standard's code.
const NARROWER = [2, 7, 12, 15, 19];

/**
 * A health department's elderly check-up export (XML in GB18030, pinyin-initial element names as in
 * public-health systems) of the township's seniors: personal data, the division code as an attribute of
 * the address, the health status as a label, whether the person lives alone (a household of one). Dirt:
 * a missing ID, an unknown health label, a date in Chinese form, a narrower legacy label (高血压), codes
 * with leading zeros that must stay strings.
 */
export function checkupXml(seed = 20240315, town: Township = township()): Uint8Array {
  const r = new Random(seed);
  const health = ['健康', '健康', '一般', '慢性病', '糖尿病', '残疾'];
  let xml = `<?xml version="1.0" encoding="GB18030"?>\n<TJJLS JGDM="${TOWNSHIP.county}001" DCSJ="2024-03-31">\n`;
  for (const [i, who] of town.checkup.entries()) {
    const written = who.writtenBy.health ?? {};
    let id = who.id;
    let birth = `${who.birth.slice(0, 4)}-${who.birth.slice(4, 6)}-${who.birth.slice(6, 8)}`;
    let jkzk = r.pick(health);
    if (i === 3) id = '';
    if (i === 6) jkzk = '良好';
    if (NARROWER.includes(i)) jkzk = '高血压';
    if (i === 9)
      birth = `${Number(who.birth.slice(0, 4))}年${Number(who.birth.slice(4, 6))}月${Number(who.birth.slice(6, 8))}日`;
    const alone = who.household.members.length === 1 ? '是' : '否';
    // The clinic does not always ask for a phone number.
    const phone = written.phone ?? (r.chance(0.7) ? who.phone : '');
    const name = written.name ?? who.name;
    xml += `  <TJJL JLBH="TJ2024${String(i + 1).padStart(6, '0')}">\n`;
    xml += '    <GRXX>\n';
    xml += `      <XM>${esc(name)}</XM>\n      <XB>${who.sex}</XB>\n      <SFZH>${id}</SFZH>\n      <CSRQ>${birth}</CSRQ>\n`;
    xml += `      <MZ>${who.ethnicity}</MZ>\n      <LXDH>${phone}</LXDH>\n`;
    xml += `      <JZDZ QHDM="${TOWNSHIP.county}">${esc(who.household.detail)}</JZDZ>\n`;
    xml += '    </GRXX>\n    <TJXX>\n';
    xml += `      <TJRQ>2024-03-${String(r.int(1, 28)).padStart(2, '0')}</TJRQ>\n      <JKZK>${jkzk}</JKZK>\n      <SFDJ>${alone}</SFDJ>\n`;
    xml += '    </TJXX>\n  </TJJL>\n';
  }
  xml += '</TJJLS>\n';
  return new Uint8Array(iconv.encode(xml, 'gb18030'));
}
