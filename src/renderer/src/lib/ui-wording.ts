// The importer's messages name CLI flags (they are shared with `rsnn import`); the Import view shows the controls
// that set the same thing instead. One rule per phrasing the importer uses (src/main/io), most specific first.

const RULES: [RegExp, string][] = [
  // mapping-guess: "give --outcome-column C --outcome-map Hit=2,Miss=1"
  [
    /give --outcome-column (\S+) --outcome-map (\S+?)(;|$)/g,
    'choose "$1" as the Outcome column and map its values under "Outcome of each value" (e.g. $2)$3'
  ],
  // mapping-guess / build-session: "map them with --outcome-map[, e.g. Hit=x]"
  [/map them with --outcome-map/g, 'map them under "Outcome of each value"'],
  [/--outcome-column/g, 'the Outcome column'],
  [/--outcome-map/g, '"Outcome of each value"'],
  [/--area-column/g, 'the Area column'],
  [/--stimulus-column/g, 'the Stimulus column'],
  // read-nwb: "choose one with --trials-table NAME (or trials from events with --trials-from-events PATH)"
  [/with --trials-table( NAME)? \(or trials from events with --trials-from-events PATH\)/g, 'under "Trials from"'],
  [/with --trials-table( NAME)?/g, 'under "Trials from"'],
  [/with --trials-from-events PATH/g, 'under "Trials from" (One trial per event)'],
  [/--trials-table/g, '"Trials from"'],
  [/--trials-from-events/g, '"Trials from" (One trial per event)']
]

/** `message` with each CLI flag replaced by the Import view control that sets the same thing. */
export function uiWording(message: string): string {
  return RULES.reduce((m, [re, to]) => m.replace(re, to), message)
}
