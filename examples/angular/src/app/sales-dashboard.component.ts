import { Component, CUSTOM_ELEMENTS_SCHEMA, EventEmitter, Input, Output } from '@angular/core';
import 'bi-embed'; // registers <bi-embed>; types its events ($event.detail) for strictTemplates
import type { BiEmbedFilterChangeDetail } from 'bi-embed';

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
      (bi-embed-filter-change)="filters.emit($event.detail)"
      (bi-embed-error)="error.emit($event.detail.code)"
    ></bi-embed>
  `,
})
export class SalesDashboardComponent {
  @Input({ required: true }) endpoint!: string;
  @Input({ required: true }) category!: string;
  @Output() filters = new EventEmitter<BiEmbedFilterChangeDetail>();
  @Output() error = new EventEmitter<string>();
}
