// Cheap pre-checks before h5wasm sees a file: HDF5 signature (with user block), superblock end-of-file vs size.
import { open } from 'node:fs/promises';
import { AppError } from '@shared/contract/errors';
const SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];
function readUint(buf, at, size) {
    if (size === 8)
        return Number(buf.readBigUInt64LE(at));
    if (size === 4)
        return buf.readUInt32LE(at);
    if (size === 2)
        return buf.readUInt16LE(at);
    throw new Error(`unsupported offset size ${size}`);
}
/** Base and end-of-file addresses stored in a superblock (format spec §II.A, versions 0–3). */
function storedAddresses(sb) {
    const version = sb[8];
    if (version === 0 || version === 1) {
        const offSize = sb[13] ?? 8;
        const at = version === 0 ? 24 : 28;
        return { base: readUint(sb, at, offSize), eof: readUint(sb, at + 2 * offSize, offSize) };
    }
    if (version === 2 || version === 3) {
        const offSize = sb[9] ?? 8;
        return { base: readUint(sb, 12, offSize), eof: readUint(sb, 12 + 2 * offSize, offSize) };
    }
    return null;
}
/**
 * Reads the HDF5 header of `file` and refuses what h5wasm would choke on (or silently misread):
 * no signature at 0/512/1024/… → HDF5_UNREADABLE; fewer bytes than the superblock promises → HDF5_TRUNCATED.
 */
export async function checkH5Header(file) {
    let fh;
    try {
        fh = await open(file, 'r');
    }
    catch (err) {
        throw new AppError('IO_ERROR', `cannot open file (${err.message})`, { file });
    }
    try {
        const { size } = await fh.stat();
        for (let off = 0; off + 8 <= size && off <= 1 << 20; off = off === 0 ? 512 : off * 2) {
            const sb = Buffer.alloc(64);
            await fh.read(sb, 0, 64, off);
            if (!SIGNATURE.every((b, i) => sb[i] === b))
                continue;
            const addr = storedAddresses(sb);
            if (addr === null) {
                throw new AppError('HDF5_UNREADABLE', `unknown HDF5 superblock version ${sb[8]}`, { file, field: 'superblock' });
            }
            const ub = Buffer.alloc(Math.min(off, 128));
            if (off > 0)
                await fh.read(ub, 0, ub.length, 0);
            const userBlock = ub.toString('latin1').replace(/\0.*$/s, '').trim();
            // Files written with a user block (MATLAB) store the base address and an absolute EOF, as libhdf5 checks it;
            // a user block prepended afterwards (base 0 at a later offset) shifts everything by the offset.
            const shift = addr.base === 0 ? off : 0;
            const header = { superblockOffset: off, userBlock, expectedSize: shift + addr.eof, actualSize: size };
            if (size < header.expectedSize) {
                throw new AppError('HDF5_TRUNCATED', `file is truncated: ${size} bytes on disk but the HDF5 superblock says ${header.expectedSize}`, { file, field: 'superblock' });
            }
            return header;
        }
        throw new AppError('HDF5_UNREADABLE', `not an HDF5 file (no HDF5 signature found in ${size} bytes)`, {
            file,
            field: 'signature'
        });
    }
    finally {
        await fh.close();
    }
}
