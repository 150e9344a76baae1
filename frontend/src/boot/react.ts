// Start-up slice 1: React and React DOM (see main.tsx).
export { startTransition, StrictMode } from 'react';
export { createRoot } from 'react-dom/client';
