// In-process typed Api over dispatch (CLI, tests): the same validation and error mapping as the transports.
import { AppError, appErrorSchema } from '@shared/contract/errors';
import { methods } from '@shared/contract/methods';
/** `api['datasets.list']({})` straight through dispatch; rejects with AppError. */
export function localApi(dispatch) {
    const api = {};
    for (const name of Object.keys(methods)) {
        api[name] = async (input) => {
            const reply = await dispatch(name, input ?? {});
            if (reply.ok)
                return reply.value;
            const parsed = appErrorSchema.safeParse(reply.error);
            throw parsed.success ? AppError.from(parsed.data) : new AppError('INTERNAL', reply.error.message);
        };
    }
    return api;
}
