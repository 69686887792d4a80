// Saves a Blob as a file through a temporary blob: URL and <a download> (works in Electron and the browser).
export { safeFilename } from './filename'

/** Offers `blob` for download as `filename`; the URL is revoked once the click has been handled. */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  a.rel = 'noopener'
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
