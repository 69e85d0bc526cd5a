import iconv from 'iconv-lite';
import { identity, mobile, personName, Random, STREETS } from './random.js';

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A health department's elderly check-up export (XML in GB18030, pinyin-initial element names as in
 * public-health systems): personal data, the division code as an attribute of the address, the health
 * status as a label, whether the person lives alone. Dirt: a missing ID, an unknown health label, a date
 * in Chinese form, a narrower legacy label (高血压), codes with leading zeros that must stay strings.
 */
export function checkupXml(seed = 20240315, records = 20): Uint8Array {
  const r = new Random(seed);
  const health = ['健康', '健康', '一般', '慢性病', '高血压', '糖尿病', '残疾'];
  let xml = '<?xml version="1.0" encoding="GB18030"?>\n<TJJLS JGDM="110105001" DCSJ="2024-03-31">\n';
  for (let i = 0; i < records; i++) {
    const who = identity(r, { minYear: 1930, maxYear: 1959 });
    let id = who.id;
    let birth = `${who.birth.slice(0, 4)}-${who.birth.slice(4, 6)}-${who.birth.slice(6, 8)}`;
    let jkzk = r.pick(health);
    if (i === 3) id = '';
    if (i === 6) jkzk = '良好';
    if (i === 9)
      birth = `${Number(who.birth.slice(0, 4))}年${Number(who.birth.slice(4, 6))}月${Number(who.birth.slice(6, 8))}日`;
    const alone = r.chance(0.3) ? '是' : '否';
    const phone = r.chance(0.6) ? mobile(r) : '';
    xml += `  <TJJL JLBH="TJ2024${String(i + 1).padStart(6, '0')}">\n`;
    xml += '    <GRXX>\n';
    xml += `      <XM>${esc(personName(r))}</XM>\n      <XB>${who.sex}</XB>\n      <SFZH>${id}</SFZH>\n      <CSRQ>${birth}</CSRQ>\n`;
    xml += `      <MZ>${r.pick(['01', '01', '03', '02'])}</MZ>\n      <LXDH>${phone}</LXDH>\n`;
    xml += `      <JZDZ QHDM="${who.county}">${esc(`${r.pick(STREETS)}${r.int(1, 200)}号`)}</JZDZ>\n`;
    xml += '    </GRXX>\n    <TJXX>\n';
    xml += `      <TJRQ>2024-03-${String(r.int(1, 28)).padStart(2, '0')}</TJRQ>\n      <JKZK>${jkzk}</JKZK>\n      <SFDJ>${alone}</SFDJ>\n`;
    xml += '    </TJXX>\n  </TJJL>\n';
  }
  xml += '</TJJLS>\n';
  return new Uint8Array(iconv.encode(xml, 'gb18030'));
}
