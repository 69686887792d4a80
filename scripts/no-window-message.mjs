// What `npm start` says when it cannot open the desktop window: why (Electron's binary is not downloaded on
// purpose) and how to get the window, instead of suggesting a reinstall (which would not download it either).

/** @param {string} why the reason electron's package gave, or '' */
export function noWindowMessage(why) {
  const detail = why && !/failed to install correctly/i.test(why) ? ` (${why})` : ''
  return (
    `No desktop window: Electron's binary is not installed${detail}.\n` +
    'This is on purpose: `npm install` does not run Electron\'s download script (package.json, "allowScripts":\n' +
    '"electron": false), so installs work offline, on servers and where only the npm registry is reachable.\n' +
    'Serving the same app in browser mode instead: open the address printed below in a browser.\n' +
    "For the desktop window, download Electron's binary once (about 100 MB, needs github.com):\n" +
    '  node node_modules/electron/install.js && npm start\n'
  )
}
