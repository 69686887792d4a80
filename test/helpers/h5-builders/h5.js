let lib = null;
export function h5() {
    lib ??= (async () => {
        const m = (await import('h5wasm/node')).default;
        await m.ready;
        return m;
    })();
    return lib;
}
