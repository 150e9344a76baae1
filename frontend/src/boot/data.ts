// Start-up slice 3: Redux Toolkit, RTK Query and React Router (see main.tsx).
export { createAppStore } from '@/app/store';
export { createAppRouter } from '@/app/router';
