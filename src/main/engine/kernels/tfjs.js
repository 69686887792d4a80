let loading = null;
/**
 * Imports tfjs once and activates a backend.
 * @param prefer 'auto' = tensorflow → wasm → cpu; a name forces that backend (throws if it cannot start).
 */
export function loadTfjs(prefer = 'auto') {
    if (prefer !== 'auto')
        return start(prefer);
    loading ??= (async () => {
        for (const name of ['tensorflow', 'wasm', 'cpu']) {
            try {
                return await start(name);
            }
            catch {
                // Not installed or cannot start here: try the next one.
            }
        }
        throw new Error('tfjs: no backend could start');
    })();
    return loading;
}
async function start(name) {
    if (name === 'tensorflow') {
        // Optional dependency: its import throws ERR_MODULE_NOT_FOUND when npm dropped it. Hidden from the
        // bundler (a variable specifier) so a missing package cannot break the build.
        const spec = '@tensorflow/tfjs-node';
        const tfn = (await import(/* @vite-ignore */ spec));
        await tfn.setBackend('tensorflow');
        await tfn.ready();
        return { tf: tfn, backend: 'tensorflow' };
    }
    const tf = await import('@tensorflow/tfjs');
    if (name === 'wasm')
        await import('@tensorflow/tfjs-backend-wasm');
    if (!(await tf.setBackend(name)))
        throw new Error(`tfjs: backend ${name} did not start`);
    await tf.ready();
    return { tf, backend: name };
}
