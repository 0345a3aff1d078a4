// Angular: the Angular example's SalesDashboardComponent, compiled just in time in the browser
// (see angular/main.ts for why not AOT), inside a zoneless parent component.
import { mountAngular } from './angular/main.js';
import { frameworkSuite } from './suite.js';

frameworkSuite('Angular (JIT, zoneless)', mountAngular);
