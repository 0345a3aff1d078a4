import { Component, CUSTOM_ELEMENTS_SCHEMA, EventEmitter, Input, Output } from '@angular/core';
import 'bi-embed'; // registers <bi-embed>
import type { BiEmbedErrorDetail, BiEmbedFilterChangeDetail } from 'bi-embed';

@Component({
  selector: 'app-sales-dashboard',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <bi-embed
      [attr.token-endpoint]="endpoint"
      theme="night"
      bordered="false"
      min-height="400"
      [params]="{ category }"
      (bi-embed-filter-change)="onFilters($event)"
      (bi-embed-error)="onError($event)"
    ></bi-embed>
  `,
})
export class SalesDashboardComponent {
  @Input({ required: true }) endpoint!: string;
  @Input({ required: true }) category!: string;
  @Output() filters = new EventEmitter<BiEmbedFilterChangeDetail>();
  @Output() error = new EventEmitter<string>();

  onFilters(event: Event) {
    this.filters.emit((event as CustomEvent<BiEmbedFilterChangeDetail>).detail);
  }

  onError(event: Event) {
    this.error.emit((event as CustomEvent<BiEmbedErrorDetail>).detail.code);
  }
}
