// dayjs ships no declarations for its ES-module locales; each default-exports its locale.
declare module 'dayjs/esm/locale/zh-cn' {
  const locale: ILocale;
  export default locale;
}
