/** How one form control edits one field of the record. Labels and hints come from `person.fields`. */
export interface FormField {
  /** JSON Pointer of the field in the record; array items by index (`/contacts/0/value`). */
  pointer: string;
  control: 'text' | 'date' | 'email' | 'tel' | 'select';
  /** Where a select's options come from: a GDS code list, or the enum the schema declares in place. */
  options?: { codeList: string } | { enumAt: string };
  autocomplete?: string;
  inputMode?: 'numeric' | 'tel' | 'email';
  /** The value the form starts with: the usual document type, and the record id a form has to make up. */
  initial?: () => string;
}

/** A fieldset of the form: a group of the record (titled from its metadata) or a plain heading. */
export interface FormSection {
  /** The group's pointer, whose metadata title heads the section, or a key into the UI strings. */
  title: { pointer: string } | { ui: 'basic' | 'record' };
  fields: readonly FormField[];
}

export const SECTIONS: readonly FormSection[] = [
  {
    title: { pointer: '/identity' },
    fields: [
      {
        pointer: '/identity/type',
        control: 'select',
        options: { codeList: 'identity-document-type' },
        initial: () => 'resident-id',
      },
      { pointer: '/identity/number', control: 'text', autocomplete: 'off' },
    ],
  },
  {
    title: { ui: 'basic' },
    fields: [
      { pointer: '/name', control: 'text', autocomplete: 'name' },
      { pointer: '/sex', control: 'select', options: { codeList: 'sex' } },
      { pointer: '/birthDate', control: 'date', autocomplete: 'bday' },
      { pointer: '/ethnicity', control: 'select', options: { codeList: 'ethnicity' } },
      { pointer: '/nationality', control: 'text', autocomplete: 'country' },
      { pointer: '/populationKind', control: 'select', options: { codeList: 'population-kind' } },
    ],
  },
  {
    title: { pointer: '/contacts' },
    fields: [
      {
        pointer: '/contacts/0/kind',
        control: 'select',
        options: { enumAt: '/$defs/contact/properties/kind' },
      },
      { pointer: '/contacts/0/value', control: 'tel', autocomplete: 'tel', inputMode: 'tel' },
      { pointer: '/email', control: 'email', autocomplete: 'email', inputMode: 'email' },
    ],
  },
  {
    title: { pointer: '/registeredResidence' },
    fields: [
      { pointer: '/registeredResidence/divisionCode', control: 'text', inputMode: 'numeric' },
      { pointer: '/registeredResidence/detail', control: 'text', autocomplete: 'street-address' },
    ],
  },
  {
    title: { pointer: '/residence' },
    fields: [
      { pointer: '/residence/divisionCode', control: 'text', inputMode: 'numeric' },
      { pointer: '/residence/detail', control: 'text', autocomplete: 'street-address' },
    ],
  },
  {
    title: { ui: 'record' },
    fields: [
      { pointer: '/id', control: 'text', autocomplete: 'off', initial: () => `form-${crypto.randomUUID()}` },
    ],
  },
];

/** The metadata path of a pointer: array indices become `*` (`/contacts/0/kind` -> `/contacts/*\/kind`). */
export function metaPath(pointer: string): string {
  return pointer.replace(/\/\d+(?=\/|$)/g, '/*');
}
