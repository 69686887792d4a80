// window.studio as exposed by src/preload/index.ts (the renderer's ipc-transport declares the same shape).
export interface StudioBridge {
  invoke(method: string, input: unknown): Promise<unknown>
  subscribe(listener: (event: { name: string; payload: unknown }) => void): () => void
  pathForFile(file: unknown): string
}
