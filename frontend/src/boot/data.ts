// Start-up slice 4: Redux Toolkit, RTK Query and the app's store (see main.tsx).
export { createAppStore } from '@/app/store';
