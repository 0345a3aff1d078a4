// Number, date and UI-string formatting for the stand-in's embed pages. The `locale` hash option
// (Metabase) changes both the language of the chrome and how numbers and dates read.

const STRINGS = {
  de: {
    All: 'Alle',
    Revenue: 'Umsatz',
    Orders: 'Bestellungen',
    'Average order value': 'Durchschnittlicher Bestellwert',
    Customers: 'Kunden',
    'Show all {n} rows': 'Alle {n} Zeilen anzeigen',
    'Show fewer rows': 'Weniger anzeigen',
    'Showing {shown} of {total} rows': '{shown} von {total} Zeilen',
    'Download results': 'Ergebnisse herunterladen',
    'Export as PDF': 'Als PDF exportieren',
    'No results': 'Keine Ergebnisse',
    Loading: 'Wird geladen',
  },
  fr: {
    All: 'Tous',
    Revenue: "Chiffre d'affaires",
    Orders: 'Commandes',
    'Average order value': 'Panier moyen',
    Customers: 'Clients',
    'Show all {n} rows': 'Afficher les {n} lignes',
    'Show fewer rows': 'Afficher moins',
    'Showing {shown} of {total} rows': '{shown} lignes sur {total}',
    'Download results': 'Télécharger les résultats',
    'Export as PDF': 'Exporter en PDF',
    'No results': 'Aucun résultat',
    Loading: 'Chargement',
  },
  es: {
    All: 'Todos',
    Revenue: 'Ingresos',
    Orders: 'Pedidos',
    'Average order value': 'Valor medio del pedido',
    Customers: 'Clientes',
    'Show all {n} rows': 'Mostrar las {n} filas',
    'Show fewer rows': 'Mostrar menos',
    'Showing {shown} of {total} rows': '{shown} de {total} filas',
    'Download results': 'Descargar resultados',
    'Export as PDF': 'Exportar como PDF',
    'No results': 'Sin resultados',
    Loading: 'Cargando',
  },
};

let locale = 'en';

/** Sets the locale for `t` and the formatters; an unsupported tag falls back to English. */
export function setLocale(tag) {
  try {
    locale = Intl.getCanonicalLocales(tag || 'en')[0];
  } catch {
    locale = 'en';
  }
  return locale;
}

/** Translates a UI string, filling `{name}` placeholders. */
export function t(text, values = {}) {
  const table = STRINGS[locale] ?? STRINGS[locale.split('-')[0]] ?? {};
  return (table[text] ?? text).replace(/\{(\w+)\}/g, (_, k) => String(values[k]));
}

/** Formats a cell or axis value; `compact` is for axis ticks. */
export function formatValue(value, kind, { compact = false } = {}) {
  if (value == null) return '';
  if (kind === 'currency') {
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: 'USD',
      notation: compact ? 'compact' : 'standard',
      maximumFractionDigits: compact || Math.abs(value) >= 10_000 ? 0 : 2,
    }).format(value);
  }
  if (kind === 'number') {
    return new Intl.NumberFormat(locale, { notation: compact ? 'compact' : 'standard' }).format(
      value,
    );
  }
  if (kind === 'date') {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
      new Date(`${value}T00:00:00Z`),
    );
  }
  return String(value);
}

/** "2024-03" → "Mar" in the current locale. */
export function monthLabel(yearMonth) {
  return new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' }).format(
    new Date(`${yearMonth}-01T00:00:00Z`),
  );
}
