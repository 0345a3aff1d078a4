// The example app: a category picker of the app's own, and the dashboard it filters.
import { Component, signal } from '@angular/core';
import { SalesDashboardComponent } from './sales-dashboard.component';

@Component({
  selector: 'app-root',
  imports: [SalesDashboardComponent],
  template: `
    <h1>Sales (Angular)</h1>
    <label>
      Category
      <select [value]="category()" (change)="category.set($any($event.target).value)">
        @for (option of categories; track option) {
          <option>{{ option }}</option>
        }
      </select>
    </label>
    <app-sales-dashboard
      [endpoint]="endpoint"
      [category]="category()"
      (filters)="lastFilters.set(stringify($event.filters))"
      (error)="lastError.set($event)"
    />
    <p>
      Viewer's filters: <output>{{ lastFilters() }}</output>
    </p>
    <p>
      Last error: <output>{{ lastError() }}</output>
    </p>
  `,
})
export class AppComponent {
  // The demo's token endpoint (`npm start` in the repository, with this app's origin allowed).
  readonly endpoint = 'http://localhost:8080/api/embed-token?dashboard=1';
  readonly categories = ['Doohickey', 'Gadget', 'Gizmo', 'Widget'];
  readonly category = signal('Gizmo');
  readonly lastFilters = signal('');
  readonly lastError = signal('');
  readonly stringify = JSON.stringify;
}
