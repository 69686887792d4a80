// Electron entry placeholder.
import { app } from 'electron'
void app
