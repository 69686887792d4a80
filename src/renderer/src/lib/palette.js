// The app's palette lives in src/shared so exported figures (main) and the UI use the same colours.
export * from '@shared/palette';
