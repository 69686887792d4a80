// Tables of the ziggurat method for standard normals (Marsaglia & Tsang 2000, 128 layers), sized for a 25-bit
// signed draw: one 32-bit word gives the layer (low 7 bits) and the value (high 25 bits), so the two never
// share bits (the correlation Leong et al. 2005 found in the original 32-bit version).
/** Right edge of the base layer: beyond it the tail is sampled by Marsaglia's exponential method. */
export const ZIG_R = 3.442619855899;
/** Scale of the 25-bit signed value: |j| < 2^24. */
const M = 2 ** 24;
/** Area of each layer (equal by construction). */
const V = 9.91256303526217e-3;
/** |j| < ZIG_K[i] accepts x = j·ZIG_W[i] at once (the part of layer i that lies wholly under the curve). */
export const ZIG_K = new Int32Array(128);
/** x = j·ZIG_W[i] for layer i. */
export const ZIG_W = new Float64Array(128);
/** exp(−x_i²/2) at each layer's right edge (ZIG_F[0] = 1, the peak). */
export const ZIG_F = new Float64Array(128);
{
    let dn = ZIG_R;
    let tn = dn;
    const q = V / Math.exp(-0.5 * dn * dn);
    ZIG_K[0] = Math.floor((dn / q) * M);
    ZIG_K[1] = 0;
    ZIG_W[0] = q / M;
    ZIG_W[127] = dn / M;
    ZIG_F[0] = 1;
    ZIG_F[127] = Math.exp(-0.5 * dn * dn);
    for (let i = 126; i >= 1; i--) {
        dn = Math.sqrt(-2 * Math.log(V / dn + Math.exp(-0.5 * dn * dn)));
        ZIG_K[i + 1] = Math.floor((dn / tn) * M);
        tn = dn;
        ZIG_F[i] = Math.exp(-0.5 * dn * dn);
        ZIG_W[i] = dn / M;
    }
}
