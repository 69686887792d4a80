export function sideMatmul(tf, w) {
    const wT = tf.keep(tf.transpose(w));
    let xs = [];
    let dys = [];
    const gradFunc = (dy, saved) => {
        // tfjs disposes saved tensors after the backward: clone and keep what dW needs.
        xs.push(tf.keep(tf.clone(saved[0])));
        dys.push(tf.keep(tf.clone(dy)));
        const dx = tf.matMul(dy, wT);
        return saved.length > 1 ? [dx, tf.zerosLike(saved[1])] : [dx];
    };
    // customGrad passes the inputs then the save function, typed as one rest array.
    const op = tf.customGrad((...args) => {
        const [x, save] = args;
        save([x]);
        return { value: tf.matMul(x, w), gradFunc };
    });
    const anchored = tf.customGrad((...args) => {
        const [x, anchor, save] = args;
        save([x, anchor]);
        return { value: tf.matMul(x, w), gradFunc };
    });
    const clear = () => {
        for (const t of [...xs, ...dys])
            t.dispose();
        xs = [];
        dys = [];
    };
    return {
        apply: (x, anchor) => (anchor ? anchored(x, anchor) : op(x)),
        weightGrad() {
            const [k, m] = w.shape;
            const g = xs.length === 0
                ? tf.zeros([k, m])
                : tf.tidy(() => tf.matMul(tf.concat(xs, 0), tf.concat(dys, 0), true, false));
            clear();
            return g;
        },
        dispose() {
            clear();
            wT.dispose();
        }
    };
}
