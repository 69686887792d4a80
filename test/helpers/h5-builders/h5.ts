// h5wasm for test builders (node build, host file system).
type H5Lib = (typeof import('h5wasm'))['default']
let lib: Promise<H5Lib> | null = null

export function h5(): Promise<H5Lib> {
  lib ??= (async () => {
    const m = (await import('h5wasm/node')).default
    await m.ready
    return m
  })()
  return lib
}
