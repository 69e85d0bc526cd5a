import codeLists from 'virtual:gds-codelists';
import type { FieldMeta, Issue, Locale } from '@gds/schema';
// The per-standard subpath: only the person validator (and the rules it uses) is bundled.
import { person } from '@gds/schema/standards/person';
import { type FormField, metaPath, SECTIONS } from './fields.js';
import { buildRecord, placeIssues } from './record.js';
import { CONTACT_KIND_LABELS, STRINGS } from './strings.js';

interface Bilingual {
  zh: string;
  en: string;
}

/** One rendered field: its spec, metadata and elements. */
interface Row {
  field: FormField;
  meta: FieldMeta;
  control: HTMLInputElement | HTMLSelectElement;
  label: HTMLLabelElement;
  hint: HTMLElement;
  messages: HTMLUListElement;
  options: { code: string; label: Bilingual }[];
}

const metaByPath = new Map(person.fields.map((f) => [f.path, f]));
function fieldMeta(pointer: string): FieldMeta {
  const meta = metaByPath.get(metaPath(pointer));
  if (!meta) throw new Error(`person@${person.version} has no field ${pointer}`);
  return meta;
}

/** Required on the whole path: `/registeredResidence/divisionCode` is only required once there is an address. */
function requiredFromRoot(pointer: string): boolean {
  const keys = pointer.split('/').slice(1);
  return keys.every((_, i) => fieldMeta(`/${keys.slice(0, i + 1).join('/')}`).required);
}

function optionsOf(field: FormField): Row['options'] {
  const source = field.options;
  if (!source) return [];
  if ('codeList' in source) {
    const list = codeLists[source.codeList];
    if (!list)
      throw new Error(`code list ${source.codeList} was not bundled (see FORM_CODE_LISTS in vite.config.ts)`);
    return list.map((e) => ({ code: e.code, label: { zh: e.zh, en: e.en } }));
  }
  let node: unknown = person.jsonSchema;
  for (const key of source.enumAt.split('/').slice(1))
    node = (node as Record<string, unknown> | undefined)?.[key];
  const codes = (node as { enum?: unknown[] } | undefined)?.enum;
  if (!Array.isArray(codes)) throw new Error(`no enum at ${source.enumAt} in ${person.id}`);
  return codes
    .map(String)
    .map((code) => ({ code, label: CONTACT_KIND_LABELS[code] ?? { zh: code, en: code } }));
}

const domId = (pointer: string) => `f${pointer.replace(/\//g, '-')}`;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}) {
  return Object.assign(document.createElement(tag), props);
}

const form = document.querySelector<HTMLFormElement>('#resident-form')!;
const rows: Row[] = [];
/** Each legend with the pointer of the group it titles, or the key of a UI string. */
const legends: { legend: HTMLLegendElement; title: string }[] = [];

for (const section of SECTIONS) {
  const fieldset = el('fieldset');
  const legend = el('legend');
  legends.push({ legend, title: 'pointer' in section.title ? section.title.pointer : section.title.ui });
  fieldset.append(legend);
  for (const field of section.fields) {
    const id = domId(field.pointer);
    const meta = fieldMeta(field.pointer);
    let control: HTMLInputElement | HTMLSelectElement;
    if (field.control === 'select') control = document.createElement('select');
    else {
      const input = document.createElement('input');
      input.type = field.control;
      if (field.inputMode) input.inputMode = field.inputMode;
      control = input;
    }
    control.id = id;
    control.name = field.pointer;
    if (field.autocomplete) control.setAttribute('autocomplete', field.autocomplete);
    if (requiredFromRoot(field.pointer)) control.setAttribute('aria-required', 'true');
    const hint = el('p', { className: 'hint', id: `${id}-hint` });
    const messages = el('ul', { className: 'messages', id: `${id}-msg` });
    control.setAttribute('aria-describedby', `${id}-msg ${id}-hint`);
    const label = el('label', { htmlFor: id });
    const wrapper = el('div', { className: 'field' });
    wrapper.append(label, control, messages, hint);
    fieldset.append(wrapper);
    const options = optionsOf(field);
    if (control instanceof HTMLSelectElement) {
      control.append(el('option', { value: '' }), ...options.map((o) => el('option', { value: o.code })));
    }
    if (field.initial) control.value = field.initial();
    rows.push({ field, meta, control, label, hint, messages, options });
  }
  form.append(fieldset);
}
const submit = el('button', { type: 'submit', className: 'submit' });
form.append(submit);

const pointers = new Set(rows.map((r) => r.field.pointer));
const touched = new Set<string>();
let submitted = false;
let locale: Locale = 'zh-CN';

const $ = (selector: string) => document.querySelector<HTMLElement>(selector)!;
const langButton = $('#lang') as HTMLButtonElement;
const summary = $('#summary');
const recordJson = $('#record-json');

/** Puts every text of the page in the current locale: labels and hints from the field metadata. */
function renderTexts(): void {
  const t = STRINGS[locale];
  const pick = (b: Bilingual | { zh: string | null; en: string | null }) => (locale === 'en' ? b.en : b.zh);
  document.documentElement.lang = locale;
  const en = person.jsonSchema['x-gds-en'] as { title?: string } | undefined;
  const title = locale === 'en' ? (en?.title ?? person.entity) : String(person.jsonSchema.title);
  $('#title').textContent = title;
  document.title = `${title} · GDS`;
  $('#standard').textContent = person.id;
  $('#intro').textContent = t.intro;
  $('#record-summary').textContent = t.recordJson;
  langButton.textContent = t.toggle;
  langButton.lang = locale === 'en' ? 'zh-CN' : 'en';
  submit.textContent = t.submit;
  for (const { legend, title: key } of legends) {
    legend.textContent = key === 'basic' || key === 'record' ? t[key] : pick(fieldMeta(key).title);
  }
  for (const row of rows) {
    row.label.textContent = pick(row.meta.title);
    if (row.control.getAttribute('aria-required')) {
      row.label.append(' ', el('abbr', { className: 'required', title: t.required, textContent: '*' }));
    }
    row.hint.textContent = pick(row.meta.description) ?? '';
    if (row.control instanceof HTMLSelectElement) {
      const [blank, ...rest] = Array.from(row.control.options);
      blank!.textContent = `— ${t.choose} —`;
      rest.forEach((option, i) => {
        option.textContent = pick(row.options[i]!.label);
      });
    }
  }
}

function messageList(target: HTMLUListElement, issues: readonly Issue[]): void {
  target.replaceChildren(
    ...issues.map((issue) => el('li', { className: issue.severity, textContent: issue.message })),
  );
}

/** Builds the record, validates it, and puts each issue under its field (or in the summary). */
function update(): void {
  const t = STRINGS[locale];
  const record = buildRecord(rows.map((r) => [r.field.pointer, r.control.value] as const));
  recordJson.textContent = JSON.stringify(record, null, 2);
  const result = person.validate(record, { locale });
  const { byPointer, unplaced } = placeIssues(result.issues, pointers);
  let pending = 0;
  for (const row of rows) {
    const issues = byPointer.get(row.field.pointer) ?? [];
    const shown = submitted || touched.has(row.field.pointer);
    if (!shown) pending += issues.length;
    messageList(row.messages, shown ? issues : []);
    if (shown && issues.some((i) => i.severity === 'error')) row.control.setAttribute('aria-invalid', 'true');
    else row.control.removeAttribute('aria-invalid');
  }

  const parts: HTMLElement[] = [];
  const errors = result.issues.filter((i) => i.severity === 'error').length;
  if (submitted) {
    parts.push(
      el('p', {
        className: result.ok ? 'status ok' : 'status error',
        id: 'status',
        textContent: result.ok ? t.valid(person.id) : t.invalid(errors),
      }),
    );
  }
  if (pending > 0)
    parts.push(el('p', { className: 'pending', id: 'pending', textContent: t.pending(pending) }));
  if (unplaced.length > 0) {
    const list = el('ul', { id: 'unplaced' });
    list.append(
      ...unplaced.map((issue) =>
        el('li', { className: issue.severity, textContent: `/${issue.path.join('/')}: ${issue.message}` }),
      ),
    );
    parts.push(el('p', { textContent: t.unplaced }), list);
  }
  summary.replaceChildren(...parts);
  summary.hidden = parts.length === 0;
}

function touch(event: Event): void {
  const target = event.target;
  if (target instanceof HTMLInputElement || target instanceof HTMLSelectElement) touched.add(target.name);
  update();
}

form.addEventListener('input', touch);
form.addEventListener('focusout', touch);
form.addEventListener('submit', (event) => {
  event.preventDefault();
  submitted = true;
  update();
  form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
});
langButton.addEventListener('click', () => {
  locale = locale === 'zh-CN' ? 'en' : 'zh-CN';
  renderTexts();
  update();
});

renderTexts();
update();
