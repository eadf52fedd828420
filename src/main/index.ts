// Electron entry point: filled in by the desktop-app work.
export {}
