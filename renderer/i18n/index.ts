import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { type Messages, zhCN } from './zh-cn';

export type Language = 'zh-CN' | 'en';

export const DEFAULT_LANGUAGE: Language = 'zh-CN';
export const LANGUAGES: readonly Language[] = ['zh-CN', 'en'];

export const RESOURCES = {
  'zh-CN': { translation: zhCN },
  en: { translation: en },
} as const satisfies Record<Language, { translation: Messages }>;

/**
 * A fresh i18next instance, ready before this returns: the copy is bundled, so nothing loads
 * asynchronously and the first render already has its text.
 */
export function createI18n(language: Language = DEFAULT_LANGUAGE): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: RESOURCES,
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: LANGUAGES,
    initAsync: false,
    // React escapes text itself; escaping here would show `&amp;` on screen.
    interpolation: { escapeValue: false },
    returnNull: false,
    react: { useSuspense: false },
  });
  return instance;
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The language an instance shows now, narrowed to ours. */
export function currentLanguage(instance: I18n): Language {
  const language = instance.resolvedLanguage ?? instance.language;
  return isLanguage(language) ? language : DEFAULT_LANGUAGE;
}
