/** The stage's chrome: the top bar's More menu. */
export const stageEn = {
  'more.button': 'More',
  'more.title': 'More: what if, open a file, new seed, start over, embed',
} as const;
