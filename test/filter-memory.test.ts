import { expect } from '@open-wc/testing';
import { FilterMemory } from '../src/filter-memory.js';

describe('FilterMemory', () => {
  it('puts the viewer’s values over the page’s params in the query', () => {
    const memory = new FilterMemory();
    expect(memory._report({ category: ['Gizmo', 'Widget'] })).to.deep.equal(['category']);
    expect(memory._query({ category: 'Doohickey', region: 'EU' })).to.deep.equal({
      category: ['Gizmo', 'Widget'],
      region: 'EU',
    });
  });

  it('reports only the slugs whose value changed, set or removed', () => {
    const memory = new FilterMemory();
    memory._report({ category: 'Gizmo', date: 'past30days' });
    expect(memory._report({ category: 'Gizmo', date: 'past30days' })).to.deep.equal([]);
    expect(memory._report({ category: 'Widget' }).sort()).to.deep.equal(['category', 'date']);
    expect(memory._values).to.deep.equal({ category: 'Widget' });
  });

  it('forgets the viewer’s value for a slug the page changes or drops, not for one it writes again', () => {
    const memory = new FilterMemory();
    memory._report({ category: 'Widget', date: 'past7days', region: 'EU' });
    memory._paramsSet(
      { category: 'Gizmo', date: 'past30days', region: 'US' },
      { category: 'Gizmo', date: 'today' },
    );
    // `category` written again unchanged keeps the viewer's choice; `date` changed and `region`
    // dropped by the page forget it.
    expect(memory._values).to.deep.equal({ category: 'Widget' });
    expect(memory._query({ category: 'Gizmo', date: 'today' })).to.deep.equal({
      category: 'Widget',
      date: 'today',
    });
  });

  // Copies are the element's to hand out: its `filters` test (element.test.ts) checks them.
  it('_clear() forgets everything', () => {
    const memory = new FilterMemory();
    memory._report({ category: 'Gizmo' });
    expect(memory._values).to.deep.equal({ category: 'Gizmo' });
    memory._clear();
    expect(memory._values).to.deep.equal({});
    expect(memory._query({ region: 'EU' })).to.deep.equal({ region: 'EU' });
  });
});
