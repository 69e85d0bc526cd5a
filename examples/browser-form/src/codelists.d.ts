// Written at build time by the `gds-codelist-labels` plugin in vite.config.ts (from @gds/standards/fs).
declare module 'virtual:gds-codelists' {
  const lists: Readonly<Record<string, readonly { code: string; zh: string; en: string }[]>>;
  export default lists;
}
