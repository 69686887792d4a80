// The namespaces an NWB file caches in /specifications (as pynwb does): NWB core 2.7.0 and hdmf-common, one JSON
// text per schema source, and the root `.specloc` reference to them. Readers use the cache to interpret the file
// without knowing the schema version beforehand. cached-spec.json is made by scripts/nwb-spec-json.py.
import type { File as H5File, Group } from 'h5wasm'
import cached from './cached-spec.json'

interface CachedNamespace {
  name: string
  version: string
  namespace: unknown
  sources: Record<string, unknown>
}

/** Namespaces and versions cached by writeSpecCache, e.g. [['core', '2.7.0'], ['hdmf-common', '1.5.1']]. */
export const CACHED_NAMESPACES: [string, string][] = (cached as CachedNamespace[]).map((n) => [n.name, n.version])

function child(parent: Group, name: string): Group {
  return (parent.get(name) as Group | null) ?? parent.create_group(name)
}

/** Writes /specifications/<namespace>/<version>/{namespace, sources…} and the root `.specloc` attribute. */
export function writeSpecCache(f: H5File): void {
  const specs = child(f, 'specifications')
  for (const ns of cached as CachedNamespace[]) {
    const g = child(child(specs, ns.name), ns.version)
    g.create_dataset({ name: 'namespace', data: JSON.stringify(ns.namespace) })
    for (const [source, spec] of Object.entries(ns.sources))
      g.create_dataset({ name: source, data: JSON.stringify(spec) })
  }
  f.create_attribute('.specloc', specs.create_reference())
}
