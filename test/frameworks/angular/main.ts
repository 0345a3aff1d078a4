// Mounts the Angular example's SalesDashboardComponent (examples/angular/src/app/, the README's
// recipe) in a parent component, compiled just in time in the browser by @angular/compiler: the
// Angular CLI (and its AOT compiler) needs Node 22 and TypeScript 6, which this repository's
// toolchain is not. Zoneless, as new Angular apps are; `update` renders with `ApplicationRef.tick`
// at once rather than waiting for the zoneless scheduler.
import '@angular/compiler';
import {
  Component,
  createComponent,
  signal,
  provideZonelessChangeDetection,
  type ApplicationRef,
} from '@angular/core';
import { createApplication } from '@angular/platform-browser';
import { SalesDashboardComponent } from '../../../examples/angular/src/app/sales-dashboard.component.js';
import type { BiEmbedFilterChangeDetail } from '../../../src/types.js';
import type { AppLog, AppState, MountApp } from '../app.js';

@Component({
  selector: 'test-parent',
  imports: [SalesDashboardComponent],
  template: `
    <section>
      <h2>{{ state().label }}</h2>
      @if (state().show) {
        <app-sales-dashboard
          [endpoint]="state().endpoint"
          [category]="state().category"
          (filters)="onFilters($event)"
          (error)="onError($event)"
        />
      }
      <output class="filters">{{ lastFilters() }}</output>
      <output class="error">{{ lastError() }}</output>
    </section>
  `,
})
class ParentComponent {
  // Signals: the parent's state, as an Angular app keeps it, whatever the change detection strategy.
  readonly state = signal<AppState>({ endpoint: '', category: '', show: false, label: '' });
  readonly lastFilters = signal('');
  readonly lastError = signal('');
  log!: AppLog;

  onFilters(detail: BiEmbedFilterChangeDetail) {
    this.log.filters.push(detail);
    this.lastFilters.set(JSON.stringify(detail.filters));
  }

  onError(code: string) {
    this.log.errors.push(code);
    this.lastError.set(code);
  }
}

export const mountAngular: MountApp = async (target, initial) => {
  const log: AppLog = { filters: [], errors: [] };
  const appRef: ApplicationRef = await createApplication({
    providers: [provideZonelessChangeDetection()],
  });
  const host = document.createElement('test-parent');
  target.append(host);
  const ref = createComponent(ParentComponent, {
    environmentInjector: appRef.injector,
    hostElement: host,
  });
  ref.instance.state.set({ ...initial });
  ref.instance.log = log;
  appRef.attachView(ref.hostView);
  appRef.tick();
  return {
    log,
    async update(patch) {
      ref.instance.state.update((state) => ({ ...state, ...patch }));
      appRef.tick();
    },
    async unmount() {
      appRef.destroy();
      host.remove();
    },
  };
};
