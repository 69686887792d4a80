// app.* methods: version, backend info, data folder.
import { z } from 'zod';
import { method } from './define';
export const appMethods = {
    'app.info': method(z.object({}), z.object({
        version: z.string(),
        mode: z.enum(['electron', 'browser']),
        dataDir: z.string(),
        engine: z.object({ backend: z.string(), threads: z.number().int() })
    }))
};
