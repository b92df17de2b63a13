/**
 * The language a command-line tool speaks (npm run sim, npm run whatif):
 * --lang en|zh|zh-CN (or --lang=…) as given, else the environment's locale as
 * other command-line tools read it (LC_ALL, then LC_MESSAGES, then LANG):
 * 中文 when it starts with zh, e.g. LANG=zh_CN.UTF-8. Read before anything
 * else, so every refusal after it is said in the user's language.
 */
import type { Lang } from '../i18n/index.ts';
import { parseLang } from '../i18n/lang.ts';

/** The language of the environment's locale (LC_ALL, then LC_MESSAGES, then LANG): 中文 when it starts with zh. */
export function envLang(env: Record<string, string | undefined>): Lang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^zh/i.test(locale) ? 'zh-CN' : 'en';
}

/** --lang as given (the last one), else the environment's; `bad` names a value the CLI does not speak (the environment's language is used to say so). */
export function cliLang(argv: string[], env: Record<string, string | undefined>): { lang: Lang; bad?: string } {
  let given: string | undefined;
  argv.forEach((a, i) => {
    if (a === '--lang') given = argv[i + 1] ?? '';
    else if (a.startsWith('--lang=')) given = a.slice('--lang='.length);
  });
  if (given === undefined) return { lang: envLang(env) };
  const lang = parseLang(given);
  return lang ? { lang } : { lang: envLang(env), bad: given };
}
