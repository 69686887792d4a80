// Colour-blind-safe palette (Okabe–Ito) for both themes: one source for the UI (CSS variables, canvas) and the
// figures the CLI exports.
/** Okabe & Ito (2008) colours, safe for the common colour-vision deficiencies. */
export const okabeIto = {
    black: '#000000',
    orange: '#E69F00',
    skyBlue: '#56B4E9',
    green: '#009E73',
    yellow: '#F0E442',
    blue: '#0072B2',
    vermillion: '#D55E00',
    purple: '#CC79A7'
};
/** The palette for a colour scheme. Dark swaps the deep blue for sky blue, which keeps its contrast on black. */
export function paletteFor(scheme) {
    const dark = scheme === 'dark';
    return {
        recorded: dark ? okabeIto.skyBlue : okabeIto.blue,
        generated: okabeIto.vermillion,
        Hit: okabeIto.green,
        Miss: okabeIto.orange,
        CR: dark ? okabeIto.skyBlue : okabeIto.blue,
        FA: okabeIto.purple,
        series: dark
            ? [okabeIto.skyBlue, okabeIto.orange, okabeIto.green, okabeIto.purple, okabeIto.yellow, okabeIto.vermillion]
            : [okabeIto.blue, okabeIto.orange, okabeIto.green, okabeIto.purple, okabeIto.vermillion, okabeIto.skyBlue],
        ink: dark ? '#e8e8e8' : '#1a1a1a',
        grid: dark ? '#3a3f47' : '#e3e5e8',
        muted: dark ? '#9aa3ad' : '#5d6670'
    };
}
/** Colour of an outcome label; unknown labels get the muted colour. */
export function outcomeColor(p, outcome) {
    switch (outcome) {
        case 'Hit':
            return p.Hit;
        case 'Miss':
            return p.Miss;
        case 'CR':
            return p.CR;
        case 'FA':
            return p.FA;
        default:
            return p.muted;
    }
}
