import { AppError } from '@shared/contract/errors';
import { checkH5Header } from './signature';
let lib = null;
/** The h5wasm module (node build: reads and writes the host file system directly). */
export function h5lib() {
    lib ??= (async () => {
        const m = (await import('h5wasm/node')).default;
        await m.ready;
        return m;
    })();
    return lib;
}
/** Wraps anything h5wasm throws into an AppError naming the file (and the path being read, when known). */
export function wrapH5Error(err, file, field) {
    if (err instanceof AppError)
        return err;
    const msg = err instanceof Error ? err.message : String(err);
    return new AppError('HDF5_UNREADABLE', `HDF5 read failed (${msg})`, field ? { file, field } : { file });
}
/**
 * Opens `file` read-only after the header checks, runs `fn`, and closes the file whatever happens.
 * Errors that are not AppErrors come back as HDF5_UNREADABLE naming the file.
 */
export async function withH5(file, fn) {
    const header = await checkH5Header(file);
    const h5 = await h5lib();
    let f;
    try {
        f = new h5.File(file, 'r');
    }
    catch (err) {
        throw wrapH5Error(err, file);
    }
    try {
        return await fn(f, header);
    }
    catch (err) {
        throw wrapH5Error(err, file);
    }
    finally {
        f.close();
    }
}
