/** The only webPreferences the app window uses: sandboxed, isolated, no Node, no webview. */
export function secureWebPreferences(preloadPath) {
    return {
        preload: preloadPath,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        spellcheck: false,
        navigateOnDragDrop: false,
        devTools: process.env['RSNN_DEVTOOLS'] === '1'
    };
}
export function windowOptions(preloadPath) {
    return {
        width: 1400,
        height: 900,
        minWidth: 900,
        minHeight: 600,
        show: false,
        title: 'RSNN Studio',
        backgroundColor: '#111318',
        webPreferences: secureWebPreferences(preloadPath)
    };
}
/** Creates the main window and loads the renderer from `url` (app://studio/index.html). */
export function createWindow(Ctor, preloadPath, url) {
    const win = new Ctor(windowOptions(preloadPath));
    win.once('ready-to-show', () => win.show());
    void win.loadURL(url);
    return win;
}
