import { expect } from '@open-wc/testing';
import {
  canonicalLocale,
  downloadsValue,
  fontName,
  hexColor,
  INVALID_PARAMS,
  jsonObject,
  normalized,
  normalizeOptions,
  oneOf,
  optionsFromUrl,
  pixels,
  slugList,
  THEMES,
  timeZone,
  toPixels,
  triState,
  type DisplayOptions,
} from '../src/options.js';

// Lit passes the property's `type` as the second argument; these converters ignore it.
const fromAttr =
  <T>(converter: { fromAttribute?: (v: string | null, t?: unknown) => T }) =>
  (value: string | null) =>
    converter.fromAttribute!(value, undefined);
const toAttr =
  <T>(converter: { toAttribute?: (v: T, t?: unknown) => unknown }) =>
  (value: T) =>
    converter.toAttribute!(value, undefined);

describe('triState (bordered, titled)', () => {
  it('reads "true" and "false" both ways', () => {
    expect(fromAttr(triState)('true')).to.equal(true);
    expect(fromAttr(triState)('false')).to.equal(false);
    expect(toAttr(triState)(true)).to.equal('true');
    expect(toAttr(triState)(false)).to.equal('false');
  });

  it('falls back to unset for anything else, and unset removes the attribute', () => {
    for (const value of [null, '', 'TRUE', 'yes', '1', 'bordered']) {
      expect(fromAttr(triState)(value), String(value)).to.equal(undefined);
    }
    expect(toAttr(triState)(undefined)).to.equal(null);
  });
});

describe('oneOf (theme, provider, loading)', () => {
  const theme = oneOf(THEMES);
  const loading = oneOf(['eager', 'lazy'], 'eager');

  it('keeps listed values both ways', () => {
    for (const value of THEMES) {
      expect(fromAttr(theme)(value)).to.equal(value);
      expect(toAttr(theme)(value)).to.equal(value);
    }
    expect(fromAttr(loading)('lazy')).to.equal('lazy');
    expect(toAttr(loading)('lazy')).to.equal('lazy');
  });

  it('falls back to the default for unknown values, case included', () => {
    expect(fromAttr(theme)('dark')).to.equal(undefined);
    expect(fromAttr(theme)('Night')).to.equal(undefined);
    expect(fromAttr(loading)('LAZY')).to.equal('eager');
    expect(fromAttr(loading)(null)).to.equal('eager');
  });

  it('does not write the default or an unknown value back', () => {
    expect(toAttr(loading)('eager')).to.equal(null);
    expect(toAttr(theme)('dark' as never)).to.equal(null);
    expect(toAttr(theme)(undefined)).to.equal(null);
  });
});

describe('pixels (min-height, max-height)', () => {
  it('reads counts and "px" values', () => {
    expect(fromAttr(pixels(0))('120')).to.equal(120);
    expect(fromAttr(pixels(0))('120px')).to.equal(120);
    expect(fromAttr(pixels(0))('0')).to.equal(0);
    expect(toPixels(80.5)).to.equal(80.5);
  });

  it('falls back to the default for negative, non-numeric or other units', () => {
    for (const value of ['-5', 'abc', '10em', '', null, 'Infinity']) {
      expect(fromAttr(pixels(0))(value), String(value)).to.equal(0);
      expect(fromAttr(pixels(undefined))(value), String(value)).to.equal(undefined);
    }
  });

  it('writes set values back and leaves the default out', () => {
    expect(toAttr(pixels(0))(300)).to.equal('300');
    expect(toAttr(pixels(0))(0)).to.equal(null);
    expect(toAttr(pixels(undefined))(undefined)).to.equal(null);
    expect(toAttr(pixels(undefined))(-1)).to.equal(null);
  });
});

describe('normalized (hide-parameters, downloads, locale)', () => {
  it('reads and writes tidied values', () => {
    expect(fromAttr(normalized(slugList))(' a , b ,')).to.equal('a,b');
    expect(fromAttr(normalized(downloadsValue))('pdf, results')).to.equal('pdf,results');
    expect(fromAttr(normalized(canonicalLocale))('pt-br')).to.equal('pt-BR');
    expect(toAttr(normalized(canonicalLocale))('EN-gb')).to.equal('en-GB');
  });

  it('falls back to unset for values outside the documented ones', () => {
    expect(fromAttr(normalized(slugList))(' , ')).to.equal(undefined);
    expect(fromAttr(normalized(downloadsValue))('csv')).to.equal(undefined);
    expect(fromAttr(normalized(downloadsValue))(null)).to.equal(undefined);
    expect(fromAttr(normalized(canonicalLocale))('en_US')).to.equal(undefined);
    expect(toAttr(normalized(downloadsValue))('csv')).to.equal(null);
    expect(toAttr(normalized(canonicalLocale))(undefined)).to.equal(null);
  });
});

describe('jsonObject (params)', () => {
  it('reads a JSON object', () => {
    expect(fromAttr(jsonObject)('{"category":["Gizmo","Widget"],"n":3}')).to.deep.equal({
      category: ['Gizmo', 'Widget'],
      n: 3,
    });
  });

  it('is the empty default when the attribute is absent or empty', () => {
    expect(fromAttr(jsonObject)(null)).to.deep.equal({});
    expect(fromAttr(jsonObject)('')).to.deep.equal({});
  });

  it('marks anything but a JSON object as invalid (reported as config)', () => {
    for (const value of ['{category: 1}', '[1,2]', '"text"', 'null', '42']) {
      expect(fromAttr(jsonObject)(value), value).to.equal(INVALID_PARAMS);
    }
  });
});

describe('normalizeOptions', () => {
  it('keeps every valid option', () => {
    const options: DisplayOptions = {
      bordered: false,
      titled: true,
      theme: 'transparent',
      hideParameters: 'a,b',
      hideDownloadButton: true,
      downloads: 'pdf,results',
      locale: 'en-GB',
    };
    expect(normalizeOptions(options)).to.deep.equal(options);
  });

  it('tidies slug lists, downloads spacing and locale case', () => {
    expect(
      normalizeOptions({
        hideParameters: ' a , ,b ',
        downloads: ' pdf , results',
        locale: 'EN-gb',
      }),
    ).to.deep.equal({ hideParameters: 'a,b', downloads: 'pdf,results', locale: 'en-GB' });
  });

  it('drops invalid values so the BI tool default applies', () => {
    expect(
      normalizeOptions({
        bordered: 'maybe',
        theme: 'dark',
        hideParameters: ',',
        hideDownloadButton: false,
        downloads: 'csv',
        locale: 'en_US!',
      } as unknown as DisplayOptions),
    ).to.deep.equal({});
  });
});

describe('optionsFromUrl', () => {
  const signed = 'https://bi.example/embed/dashboard/aa.bb.cc';

  it('reads the options a signed URL already carries', () => {
    expect(
      optionsFromUrl(
        `${signed}#bordered=false&titled=true&theme=night&hide_parameters=a%2Cb&hide_download_button=true&downloads=pdf&locale=de&background=false&font=Lato`,
      ),
    ).to.deep.equal({
      bordered: false,
      titled: true,
      theme: 'night',
      hideParameters: 'a,b',
      hideDownloadButton: true,
      downloads: 'pdf',
      locale: 'de',
      background: false,
      font: 'Lato',
    });
  });

  it('ignores unknown keys and invalid values', () => {
    expect(optionsFromUrl(`${signed}#bordered=maybe&theme=dark&eyJ=x`)).to.deep.equal({});
    expect(optionsFromUrl(signed)).to.deep.equal({});
    expect(optionsFromUrl('not a url')).to.deep.equal({});
  });

  it('reads nothing from a URL whose hash is its token', () => {
    expect(optionsFromUrl('https://bi.example/embed/p-1?theme=dark#aa.bb.cc')).to.deep.equal({});
  });
});

describe('new option values', () => {
  it('takes downloads kinds in any order, each once', () => {
    expect(downloadsValue('results,pdf')).to.equal('results,pdf');
    expect(downloadsValue(' results , pdf ')).to.equal('results,pdf');
    expect(downloadsValue('pdf')).to.equal('pdf');
    for (const bad of ['pdf,pdf', 'pdf,', ',results', 'true,pdf', 'csv', '', 'PDF']) {
      expect(downloadsValue(bad), bad).to.equal(undefined);
    }
  });

  it('takes a hex colour with or without #, held without it', () => {
    expect(hexColor('#1A2b3C')).to.equal('1A2b3C');
    expect(hexColor('fff')).to.equal('fff');
    expect(hexColor(' #ffffff80 ')).to.equal('ffffff80');
    for (const bad of ['red', '#ff', '#fffff', 'rgb(0,0,0)', '##fff', '', 12]) {
      expect(hexColor(bad), String(bad)).to.equal(undefined);
    }
  });

  it('takes a font name, trimmed', () => {
    expect(fontName('  Open Sans ')).to.equal('Open Sans');
    expect(fontName('')).to.equal(undefined);
    expect(fontName('x'.repeat(101))).to.equal(undefined);
    expect(fontName('Lato\n')).to.equal('Lato');
    expect(fontName('La\u0000to')).to.equal(undefined);
  });

  it('takes an IANA time zone in its canonical case', () => {
    expect(timeZone('Europe/Paris')).to.equal('Europe/Paris');
    expect(timeZone('europe/paris')).to.equal('Europe/Paris');
    expect(timeZone('Mars/Olympus')).to.equal(undefined);
    expect(timeZone('')).to.equal(undefined);
  });

  it('normalises background, background-color, font and timezone with the rest', () => {
    expect(
      normalizeOptions({
        background: false,
        backgroundColor: '#abc',
        font: ' Lato ',
        timezone: 'America/New_York',
      }),
    ).to.deep.equal({
      background: false,
      backgroundColor: 'abc',
      font: 'Lato',
      timezone: 'America/New_York',
    });
    expect(
      normalizeOptions({
        background: 'no',
        backgroundColor: 'blue',
        font: '',
        timezone: 'Nowhere',
      } as unknown as DisplayOptions),
    ).to.deep.equal({});
  });
});
