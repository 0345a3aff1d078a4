// The leak check that runs after every browser test can fail: a JWT in a console message or an
// event detail is caught (and cleared here, so this test itself passes).
import { expect } from '@open-wc/testing';
import { secretLeaks } from './helpers/no-secrets.js';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJyZXNvdXJjZSI6eyJkYXNoYm9hcmQiOjF9fQ.c2lnbmF0dXJl';

describe('the token leak check', () => {
  it('catches a JWT in a console message and in a bi-embed event detail', () => {
    const before = secretLeaks.length;
    console.info(`signed: https://bi.example/embed/dashboard/${JWT}`);
    document.body.dispatchEvent(
      new CustomEvent('bi-embed-error', { detail: { code: 'config', message: JWT } }),
    );
    const caught = secretLeaks.splice(before);
    expect(caught.length).to.equal(2);
    expect(caught[0]).to.match(/^console\.info/);
    expect(caught[1]).to.match(/^bi-embed-error detail/);
  });
});
