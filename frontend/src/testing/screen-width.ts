/**
 * A matchMedia that answers width queries (min-width / max-width in px) as for a screen `width`
 * px wide, and any other query with false. jsdom has no layout, so tests pick the width.
 */
export function matchMediaForWidth(width: number): typeof window.matchMedia {
  return ((query: string) => {
    const min = /min-width:\s*([\d.]+)px/.exec(query);
    const max = /max-width:\s*([\d.]+)px/.exec(query);
    const matches =
      Boolean(min || max) && (!min || width >= Number(min[1])) && (!max || width <= Number(max[1]));
    return {
      matches,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    };
  }) as typeof window.matchMedia;
}

/** Media queries answer as for a 375 px phone (the side menu hidden), until the test ends. */
export function asPhone() {
  window.matchMedia = matchMediaForWidth(375);
}
