import 'bi-embed/react'; // registers <bi-embed>; types it in JSX
import type { BiEmbedFilterChangeDetail } from 'bi-embed';

export function SalesDashboard({
  endpoint,
  category,
  onFilters,
  onError,
}: {
  endpoint: string;
  category: string;
  onFilters?: (detail: BiEmbedFilterChangeDetail) => void;
  onError?: (code: string) => void;
}) {
  return (
    <bi-embed
      token-endpoint={endpoint}
      theme="night"
      bordered="false"
      min-height="400"
      params={{ category }}
      onbi-embed-filter-change={(e) => onFilters?.(e.detail)}
      onbi-embed-error={(e) => onError?.(e.detail.code)}
    />
  );
}
