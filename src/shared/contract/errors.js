// AppError: the one error shape that crosses process boundaries (IPC, HTTP bridge, CLI --json).
import { z } from 'zod';
/** Stable machine-readable error codes; the message is for humans. */
export const errorCodes = [
    'HDF5_UNREADABLE', // not HDF5, truncated, corrupt
    'HDF5_TRUNCATED',
    'FORMAT_UNSUPPORTED', // e.g. NWB 1.x
    'FIELD_MISSING', // a required group/dataset/column is absent
    'INDEX_OUT_OF_RANGE', // ragged index past the data, bad DynamicTableRegion
    'SHAPE_MISMATCH',
    'BAD_VALUE', // NaN, unsorted, negative, ...
    'EMPTY_RESULT', // e.g. a mapping that leaves no trials
    'INVALID_INPUT', // payload failed schema validation
    'INVALID_SETTINGS', // absurd model/fit settings
    'NOT_FOUND',
    'CONFLICT',
    'IO_ERROR',
    'DIVERGED',
    'CANCELLED',
    'UNAUTHORIZED',
    'INTERNAL'
];
export const appErrorSchema = z.object({
    code: z.enum(errorCodes),
    message: z.string(),
    /** The file the problem is in, when there is one. */
    file: z.string().optional(),
    /** The path inside the file (HDF5 path), or the settings/payload field. */
    field: z.string().optional()
});
/** Throwable form of AppErrorData. `message` always names file and field when known. */
export class AppError extends Error {
    code;
    file;
    field;
    constructor(code, message, where = {}) {
        super(formatMessage(message, where));
        this.name = 'AppError';
        this.code = code;
        if (where.file !== undefined)
            this.file = where.file;
        if (where.field !== undefined)
            this.field = where.field;
    }
    toJSON() {
        const out = { code: this.code, message: this.message };
        if (this.file !== undefined)
            out.file = this.file;
        if (this.field !== undefined)
            out.field = this.field;
        return out;
    }
    static from(data) {
        const e = new AppError(data.code, data.message);
        return Object.assign(e, { file: data.file, field: data.field });
    }
}
function formatMessage(message, where) {
    const parts = [];
    if (where.file)
        parts.push(where.file);
    if (where.field)
        parts.push(where.field);
    return parts.length ? `${parts.join(': ')}: ${message}` : message;
}
/** Maps anything thrown to AppErrorData without leaking stack traces. */
export function toAppErrorData(err) {
    if (err instanceof AppError)
        return err.toJSON();
    const parsed = appErrorSchema.safeParse(err);
    if (parsed.success)
        return parsed.data;
    const message = err instanceof Error ? err.message : String(err);
    return { code: 'INTERNAL', message };
}
