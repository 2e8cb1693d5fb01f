/// <reference lib="dom" />
/**
 * The explorer's own words, in Chinese and English. GraphiQL has no translation mechanism,
 * so its built-in buttons stay in English; everything edugov adds (title, welcome text,
 * example list) follows the chosen language.
 */
export type Lang = 'zh' | 'en';

const STORAGE_KEY = 'edugov:explorer:lang';

/** `?lang=en` or `?lang=zh` in the address wins, then the last choice, then the browser's language. */
export function loadLanguage(): Lang {
  const asked = new URLSearchParams(location.search).get('lang');
  if (asked === 'zh' || asked === 'en') {
    localStorage.setItem(STORAGE_KEY, asked);
    return asked;
  }
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored === 'zh' || stored === 'en') return stored;
  return navigator.language.toLowerCase().startsWith('en') ? 'en' : 'zh';
}

export function saveLanguage(lang: Lang): void {
  localStorage.setItem(STORAGE_KEY, lang);
}

/** The operation the first tab opens with, under a comment in the chosen language. */
const WELCOME_OPERATION = `query WhoAmI {
  viewer {
    kind
    role
    regionCode
  }
  regions(level: COUNTY, first: 5) {
    totalCount
    nodes {
      code
      name
    }
  }
}
`;

const STRINGS = {
  zh: {
    logo: 'edugov 接口浏览器',
    examples: '示例',
    examplesIntro: 'SDK 的全部操作（sdk/operations）。点击打开到新标签页；变量按需填写。',
    open: '打开',
    switchLanguage: 'English',
    kinds: { query: '查询', mutation: '变更', subscription: '订阅' } as Record<string, string>,
    welcomeQuery: `# edugov 区域教育协同治理 GraphQL 接口浏览器
#
# · 左侧“文档”图标：按类型浏览接口说明（中英双语描述）。
# · 左侧“示例”图标：SDK 的全部操作，点击即可在新标签页打开。
# · 下方“Headers”：在 "Bearer " 后粘贴令牌或 API 密钥；留空则以匿名身份查询公开数据。
# · Ctrl+Enter 运行。

${WELCOME_OPERATION}`,
  },
  en: {
    logo: 'edugov API explorer',
    examples: 'Examples',
    examplesIntro:
      'Every operation of the SDK (sdk/operations). Click one to open it in a new tab; fill in ' + 'its variables.',
    open: 'Open',
    switchLanguage: '中文',
    kinds: { query: 'query', mutation: 'mutation', subscription: 'subscription' } as Record<string, string>,
    welcomeQuery: `# edugov GraphQL API explorer (regional education collaborative governance)
#
# · "Docs" icon on the left: the schema with its bilingual descriptions.
# · "Examples" icon on the left: every SDK operation; click one to open it in a new tab.
# · "Headers" below: paste a token or API key after "Bearer "; leave it empty for public data.
# · Ctrl+Enter runs the query.

${WELCOME_OPERATION}`,
  },
};

export function text(lang: Lang) {
  return STRINGS[lang];
}
