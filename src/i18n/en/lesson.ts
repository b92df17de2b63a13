/** The lesson player's own words, in English (each lesson's narration lives with the lesson, src/lessons). */
export const lessonEn = {
  'lesson.lessons': 'Lessons',
  'lesson.choose': 'Choose a lesson',
  'lesson.step': 'Step {n} / {total}',
  'lesson.next': 'Next',
  'lesson.prev': 'Previous',
  'lesson.presenter': 'Presenter mode',
  'lesson.close': 'Close lesson',
  'lesson.restart': 'Restart',
  'lesson.playing': 'Playing to the next step…',
  'lesson.loading': 'Loading the lesson…',
  'lesson.end': 'End of the lesson.',
  'lesson.nextAt': 'Next stop: {when}',
  'lesson.atTime': 'at {s} s',
  'lesson.failed': 'Could not open the lesson: {reason}',
} as const;
