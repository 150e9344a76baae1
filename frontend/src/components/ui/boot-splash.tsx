/**
 * The start-up splash of index.html (its styles live there, inline): the router's fallback
 * while a page's code loads, so the screen goes from splash to page without a blank frame.
 * At start-up React renders only once the router has its first match (app/start.tsx), so the
 * HTML's own splash, or a pre-linked page's shell, stays up until then.
 */
export function BootSplash() {
  return (
    <div className="boot" role="progressbar" aria-label="Loading Store Platform">
      <svg className="boot-mark" viewBox="0 0 32 32" aria-hidden="true">
        <rect width="32" height="32" rx="8" fill="#0b6bcb" />
        <path d="M8 13l2-5h12l2 5v1a3 3 0 0 1-5 2 3 3 0 0 1-6 0 3 3 0 0 1-5-2z" fill="#fff" />
        <path d="M10 17v7h12v-7" fill="none" stroke="#fff" strokeWidth="2" />
      </svg>
      <span>Store Platform</span>
      <div className="boot-bar" />
    </div>
  );
}
