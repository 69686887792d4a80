// Backend selection: auto prefers wasm SIMD, explicit choices are honoured, impossible ones name the field.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/contract/errors';
import { availableKernelBackends, selectKernels } from '../../../src/main/engine/kernels/select';
describe('selectKernels', () => {
    it('auto picks wasm SIMD here and one thread per core', () => {
        expect(availableKernelBackends()).toEqual(['wasm', 'js']);
        const c = selectKernels({ backend: 'auto', threads: 0 }, 4);
        expect(c.name).toBe('wasm-simd');
        expect(c.threads).toBe(4);
    });
    it('honours an explicit backend and thread count', () => {
        const c = selectKernels({ backend: 'js', threads: 3 }, 8);
        expect(c.name).toBe('js');
        expect(c.kernels.precision).toBe('f32');
        expect(c.threads).toBe(3);
    });
    it('rejects tfjs as a kernel backend, naming engine.backend', () => {
        try {
            selectKernels({ backend: 'tfjs', threads: 1 }, 2);
            expect.unreachable();
        }
        catch (e) {
            expect(e).toBeInstanceOf(AppError);
            expect(e.field).toBe('engine.backend');
        }
    });
});
