// Renderer entry: global styles, then mounts the Svelte app shell.
import { mount } from 'svelte'
import './app.css'
import App from './App.svelte'

const target = document.getElementById('app')
if (!target) throw new Error('#app missing from index.html')
export default mount(App, { target })
