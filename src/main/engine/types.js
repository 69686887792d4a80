/** Outcome codes used inside the engine (match the order of outcomes in shared/domain/dataset.ts). */
export const OUTCOME = { Hit: 0, Miss: 1, CR: 2, FA: 3 };
