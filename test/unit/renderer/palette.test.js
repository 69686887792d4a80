// The palette in lib/palette.ts and the --c-* CSS variables of app.css must name the same colours.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { okabeIto, outcomeColor, paletteFor } from '../../../src/renderer/src/lib/palette';
const css = readFileSync(resolve(__dirname, '../../../src/renderer/src/app.css'), 'utf8');
const darkStart = css.indexOf('@media (prefers-color-scheme: dark)');
function cssVar(block, name) {
    return new RegExp(`--${name}:\\s*(#[0-9a-fA-F]{6})`).exec(block)?.[1]?.toLowerCase();
}
describe('palette', () => {
    it.each(['light', 'dark'])('%s CSS variables match paletteFor()', (scheme) => {
        const block = scheme === 'light' ? css.slice(0, darkStart) : css.slice(darkStart);
        const p = paletteFor(scheme);
        const pairs = [
            ['c-recorded', p.recorded],
            ['c-generated', p.generated],
            ['c-hit', p.Hit],
            ['c-miss', p.Miss],
            ['c-cr', p.CR],
            ['c-fa', p.FA],
            ['c-ink', p.ink],
            ['c-grid', p.grid],
            ['c-muted', p.muted]
        ];
        for (const [name, value] of pairs)
            expect(cssVar(block, name), name).toBe(value.toLowerCase());
    });
    it('recorded, generated and the four outcomes are distinct Okabe–Ito colours', () => {
        for (const scheme of ['light', 'dark']) {
            const p = paletteFor(scheme);
            const set = [p.recorded, p.generated];
            expect(new Set(set).size).toBe(2);
            expect(new Set([p.Hit, p.Miss, p.CR, p.FA]).size).toBe(4);
            for (const c of [...set, p.Hit, p.Miss, p.CR, p.FA])
                expect(Object.values(okabeIto)).toContain(c);
        }
    });
    it('unknown outcomes fall back to the muted colour', () => {
        const p = paletteFor('light');
        expect(outcomeColor(p, 'Hit')).toBe(p.Hit);
        expect(outcomeColor(p, 'early lick')).toBe(p.muted);
    });
});
