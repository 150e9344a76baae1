// Start-up slice 3: React Router and the route table (see main.tsx).
export { createAppRouter } from '@/app/router';
