// The parts of react-dom these tests use. @types/react-dom is not among the devDependencies (only
// @types/react is); these signatures are react-dom 19's.
declare module 'react-dom' {
  export function flushSync<R>(fn: () => R): R;
}

declare module 'react-dom/client' {
  import type { ReactNode } from 'react';

  export interface Root {
    render(children: ReactNode): void;
    unmount(): void;
  }
  export function createRoot(container: Element | DocumentFragment): Root;
}
