// Content hash of a source file (re-import recognition): sha256, streamed so large recordings are never loaded whole.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { AppError } from '@shared/contract/errors';
/** sha256 of the file's bytes, lowercase hex (64 chars). */
export function hashFile(path) {
    return new Promise((resolve, reject) => {
        const h = createHash('sha256');
        createReadStream(path)
            .on('error', (err) => reject(new AppError('IO_ERROR', `cannot read file (${err.message})`, { file: path })))
            .on('data', (chunk) => h.update(chunk))
            .on('end', () => resolve(h.digest('hex')));
    });
}
