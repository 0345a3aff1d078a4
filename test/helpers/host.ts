// A reactive controller host without an element, as lit's own controller tests use: the test
// connects and disconnects it, and counts the updates its controllers ask for.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** A plain `ReactiveControllerHost`: nothing renders, nothing connects unless the test says so. */
export class StubHost implements ReactiveControllerHost {
  readonly controllers = new Set<ReactiveController>();
  /** How many times a controller called `requestUpdate()`. */
  updates = 0;

  addController(controller: ReactiveController): void {
    this.controllers.add(controller);
  }

  removeController(controller: ReactiveController): void {
    this.controllers.delete(controller);
  }

  requestUpdate(): void {
    this.updates++;
  }

  get updateComplete(): Promise<boolean> {
    return Promise.resolve(true);
  }

  /** As the element's `connectedCallback`: every controller's `hostConnected`. */
  connect(): void {
    for (const controller of this.controllers) controller.hostConnected?.();
  }

  /** As the element's `disconnectedCallback`: every controller's `hostDisconnected`. */
  disconnect(): void {
    for (const controller of this.controllers) controller.hostDisconnected?.();
  }
}
