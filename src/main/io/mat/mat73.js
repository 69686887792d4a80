import { AppError } from '@shared/contract/errors';
import { attrNumber, attrString, datasetNumbers, isDataset, isGroup } from '../h5/read';
export function matClass(node) {
    return attrString(node, 'MATLAB_class') ?? '';
}
export function isMatEmpty(node) {
    return attrNumber(node, 'MATLAB_empty') === 1;
}
function isRefDataset(d) {
    return d.dtype === 'Reference';
}
/** MATLAB dimensions (rows, cols, …): the HDF5 shape reversed. */
export function matDims(d) {
    return [...(d.shape ?? [])].reverse();
}
function where(f, path) {
    return { file: f.filename, field: path };
}
/** Elements of a cell array (or struct-array field), in MATLAB linear order, dereferenced. */
export function cellElements(f, d) {
    if (isMatEmpty(d))
        return [];
    if (!isRefDataset(d))
        throw new AppError('BAD_VALUE', 'expected a cell array (object references)', where(f, d.path));
    const v = d.value;
    const refs = (Array.isArray(v) ? v : [v]);
    return refs.map((r, i) => {
        const e = f.dereference(r);
        if (!isGroup(e) && !isDataset(e)) {
            throw new AppError('INDEX_OUT_OF_RANGE', `cell element ${i} points to nothing`, where(f, d.path));
        }
        return e;
    });
}
/** Rows of a MATLAB char array as strings (a 1×N char is one string). */
export function charRows(f, d) {
    if (isMatEmpty(d))
        return [''];
    const codes = datasetNumbers(f, d);
    const [rows = 1, cols = codes.length] = matDims(d);
    const out = [];
    for (let r = 0; r < rows; r++) {
        let s = '';
        // Column-major: element (r, c) is at r + c·rows.
        for (let c = 0; c < cols; c++)
            s += String.fromCharCode(codes[r + c * rows]);
        out.push(s.replace(/\0+$/, ''));
    }
    return out;
}
/** Text value of a node: char → its string, cell of chars → strings, empty → []. */
export function matStrings(f, node) {
    if (!isDataset(node) || isMatEmpty(node))
        return [];
    if (matClass(node) === 'char')
        return charRows(f, node);
    if (matClass(node) === 'cell' || isRefDataset(node))
        return cellElements(f, node).flatMap((e) => matStrings(f, e));
    throw new AppError('BAD_VALUE', `expected text (char or cell of char), found MATLAB class "${matClass(node)}"`, where(f, node.path));
}
/** Numeric value (double, integer, logical) as Float64Array in MATLAB linear order; empty → length 0. */
export function matNumbers(f, node) {
    if (!isDataset(node))
        throw new AppError('BAD_VALUE', 'expected a numeric array, found a struct', where(f, node.path));
    if (isMatEmpty(node))
        return new Float64Array();
    if (isRefDataset(node))
        throw new AppError('BAD_VALUE', 'expected a numeric array, found a cell array', where(f, node.path));
    return datasetNumbers(f, node);
}
/** A cell array of numeric vectors (e.g. spike times per unit). */
export function matCellNumbers(f, node) {
    if (!isDataset(node))
        throw new AppError('BAD_VALUE', 'expected a cell array, found a struct', where(f, node.path));
    return cellElements(f, node).map((e) => matNumbers(f, e));
}
/**
 * Number of elements of a MATLAB struct group. A 1×1 struct stores field values directly; a struct array stores
 * each field as a dataset of references (one per element) without MATLAB_class "cell".
 */
export function structLength(g, probeField) {
    const d = g.get(probeField);
    if (!isDataset(d) || d.dtype !== 'Reference' || matClass(d) === 'cell')
        return 1;
    return (d.shape ?? [1]).reduce((a, b) => a * b, 1);
}
/** Field `name` of element `i` of struct group `g` (null when the field is absent). */
export function structField(f, g, name, i, length) {
    const d = g.get(name);
    if (!isDataset(d) && !isGroup(d))
        return null;
    if (length === 1)
        return d;
    if (!isDataset(d))
        throw new AppError('SHAPE_MISMATCH', 'struct-array field is a group', where(f, `${g.path}/${name}`));
    const elements = cellElements(f, d);
    const e = elements[i];
    if (!e)
        throw new AppError('SHAPE_MISMATCH', `field has ${elements.length} elements, needed ${i + 1}`, where(f, d.path));
    return e;
}
