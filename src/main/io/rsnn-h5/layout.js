// The app's own HDF5 layout (documented in docs/data-formats.md): names, version and metadata shape.
/** Root attribute that marks the layout, and its value. */
export const RSNN_FORMAT_ATTR = 'rsnn_format';
export const RSNN_FORMAT = 'rsnn-studio-sessions';
/** Layout version written; readers accept versions ≤ this. */
export const RSNN_FORMAT_VERSION = 1;
/** Group name of session i: /sessions/s000, /sessions/s001, … (zero-padded so they sort). */
export function sessionGroup(i) {
    return `/sessions/s${String(i).padStart(3, '0')}`;
}
