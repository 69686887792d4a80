// End offsets of a ragged NWB column (VectorIndex): the schema asks for an unsigned integer type.

/** Exclusive end offset of each row from the row lengths, as uint32 (uint64 past 2³² − 1 values). */
export function raggedEnds(lengths: ArrayLike<number>): Uint32Array | BigUint64Array {
  let total = 0
  for (let i = 0; i < lengths.length; i++) total += lengths[i] as number
  if (total <= 0xffffffff) {
    const ends = new Uint32Array(lengths.length)
    let at = 0
    for (let i = 0; i < lengths.length; i++) ends[i] = at += lengths[i] as number
    return ends
  }
  const ends = new BigUint64Array(lengths.length)
  let at = 0
  for (let i = 0; i < lengths.length; i++) ends[i] = BigInt((at += lengths[i] as number))
  return ends
}
