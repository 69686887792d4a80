/** Int32 slots of the SharedArrayBuffer both sides see. The host writes, the worker reads between phases. */
export const FLAG = { cancel: 0, pause: 1 };
export const FLAG_COUNT = 2;
