// Type tests for 'bi-embed/react': <bi-embed> in React 19 TSX.
import { useRef } from 'react';
import type {
  BiEmbed,
  BiEmbedErrorDetail,
  BiEmbedFilterChangeDetail,
} from '../../src/frameworks/react.js';
import { expectType } from './assert.js';

export function Dashboard({ region }: { region: string }) {
  const ref = useRef<BiEmbed>(null);
  return (
    <bi-embed
      ref={ref}
      className="dashboard"
      token-endpoint="/api/embed-token?dashboard=1"
      bordered={false}
      theme="night"
      hide-parameters="region"
      min-height={400}
      params={{ region }}
      tokenRequestInit={{ credentials: 'include' }}
      onbi-embed-error={(e) => expectType(e.detail).toBe<BiEmbedErrorDetail>()}
      onbi-embed-filter-change={(e) => {
        expectType(e.detail).toBe<BiEmbedFilterChangeDetail>();
      }}
    >
      <p slot="error">The dashboard is unavailable.</p>
    </bi-embed>
  );
}

// @ts-expect-error -- `dark` is Lightdash's word; the attribute takes `night`
export const wrongTheme = <bi-embed theme="dark" />;
// @ts-expect-error -- the handler gets the error event, whose detail has no `filters`
export const wrongHandler = <bi-embed onbi-embed-error={(e) => e.detail.filters} />;
