// The app's trial-outcome model in words, and why each value of the file's outcome column became what it did
// (shown beside the mapping in the Import view).

/** What Hit / Miss / CR / FA mean to the app and what they are used for. */
export const outcomeModelText =
  'The app models a detection task: Hit = stimulus and a lick, Miss = stimulus and no lick, CR (correct rejection) = ' +
  'no stimulus and no lick, FA (false alarm) = no stimulus and a lick. Trials are balanced, held out and simulated per ' +
  'outcome, and Hit and FA count as licks in the behaviour scores. Values set to "exclude" are left out of the dataset. ' +
  'A two-alternative task (correct / incorrect, left / right) maps its outcomes onto Hit and Miss and can keep its ' +
  'own names: they then replace Hit and Miss in every view, table and export.'

/** Why a value maps where it does: the user's choice, the name the guess recognised, or nothing recognised. */
export function outcomeWhy(value: string, chosen: string | undefined, guessed: string | undefined): string {
  if (chosen === undefined) return 'not mapped yet: choose an outcome or exclude'
  if (chosen !== guessed) return 'your choice'
  if (guessed === 'exclude') return `guessed: “${value}” is not a name the app recognises as Hit, Miss, CR or FA`
  return `guessed: “${value}” reads as ${guessed}`
}
