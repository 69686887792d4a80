// Download file names derived from figure titles (pure; no DOM).
/** A file-system-safe name from a figure title: lower case, dashes, no path characters. */
export function safeFilename(title, ext) {
    const base = title
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 80);
    return `${base || 'figure'}.${ext}`;
}
