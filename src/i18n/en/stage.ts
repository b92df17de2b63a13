/** The stage's chrome: the top bar's More menu; the column beside the diagram. */
export const stageEn = {
  'more.button': 'More',
  'more.title': 'More: what if, open a file, new seed, start over, embed',
  'stage.side': 'What is happening now',
} as const;
