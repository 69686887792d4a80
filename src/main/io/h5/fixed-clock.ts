// HDF5 (h5wasm) stamps every object header with the wall clock, which it reads through Date.now(): two writes of
// the same content differ in those bytes. Files the app ships (the bundled example) are written with the clock
// held at a fixed time, so regenerating them gives byte-identical files (and unchanged content hashes).

/** Runs `write` with Date.now() returning `atMs`; the real clock is back when it settles. */
export async function withFixedClock<T>(atMs: number, write: () => Promise<T> | T): Promise<T> {
  const real = Date.now
  Date.now = () => atMs
  try {
    return await write()
  } finally {
    Date.now = real
  }
}
