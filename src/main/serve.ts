// Browser mode entry (plain Node, no Electron): placeholder until the bridge lands.
console.log('serve')
