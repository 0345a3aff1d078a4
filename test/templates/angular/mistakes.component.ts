// Deliberate mistakes: what Angular's template checker makes of them with CUSTOM_ELEMENTS_SCHEMA.
import { Component, CUSTOM_ELEMENTS_SCHEMA } from '@angular/core';
import 'bi-embed';

@Component({
  selector: 'app-mistakes',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <bi-embed token-endpoint="/api/embed-token?dashboard=1" theme="dark"></bi-embed>
    <bi-embed
      token-endpoint="/api/embed-token?dashboard=1"
      [parms]="{ category: 'Gizmo' }"
    ></bi-embed>
    <bi-embed token-endpoint="/api/embed-token?dashboard=1" [minHeight]="'tall'"></bi-embed>
    <bi-embed
      token-endpoint="/api/embed-token?dashboard=1"
      (bi-embed-error)="log($event.detail.filters)"
    ></bi-embed>
  `,
})
export class MistakesComponent {
  log(value: unknown) {
    console.log(value);
  }
}
