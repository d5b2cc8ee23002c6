// View-side helpers (SJS runs in the render layer: no my.*, no page methods, only these built-ins).

const pad = (n) => (n < 10 ? '0' + n : '' + n);

// Renders any value as one line of JSON (results of my.* calls, submitted form values).
export function json(value) {
  if (value === undefined) return '';
  return JSON.stringify(value);
}

// A form value as the user would read it.
export function show(value) {
  if (value === true) return 'yes';
  if (value === false) return 'no';
  if (value === '' || value === null || value === undefined) return '—';
  if (value.constructor === 'Array') return value.length ? value.join(', ') : '—';
  return '' + value;
}

export function has(list, value) {
  return !!list && list.indexOf(value) >= 0;
}

// Cents → "¥1,234.50".
export function money(cents) {
  const fixed = (cents / 100).toFixed(2);
  const parts = fixed.split('.');
  const grouped = parts[0].replace(getRegExp('\\B(?=(\\d{3})+(?!\\d))', 'g'), ',');
  return '¥' + grouped + '.' + parts[1];
}

// Milliseconds since the epoch → "2024-05-21 09:30 UTC" (UTC, so every device shows the same).
export function date(ms) {
  const d = getDate(ms);
  return d.getUTCFullYear() + '-' + pad(d.getUTCMonth() + 1) + '-' + pad(d.getUTCDate()) + ' ' + pad(d.getUTCHours()) + ':' + pad(d.getUTCMinutes()) + ' UTC';
}

export function weekday(ms) {
  const names = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
  return names[getDate(ms).getUTCDay()];
}

// "13812345678" → "138****5678".
export function maskPhone(phone) {
  return ('' + phone).replace(getRegExp('^(\\d{3})\\d{4}(\\d{4})$'), '$1****$2');
}

export function isEmail(text) {
  return getRegExp('^[^@\\s]+@[^@\\s]+\\.[a-z]{2,}$', 'i').test(text || '');
}

// "#mini #program" → ["mini", "program"].
export function tags(text) {
  const re = getRegExp('#(\\w+)', 'g');
  const found = [];
  let match = re.exec(text || '');
  while (match) {
    found.push(match[1]);
    match = re.exec(text);
  }
  return found;
}

// { from: 'a', name: 'A B' } → "from=a&name=A%20B" (for navigator urls).
export function query(params) {
  const out = [];
  for (const key in params) out.push(encodeURIComponent(key) + '=' + encodeURIComponent(params[key]));
  return out.join('&');
}

export default { json, show, has, money, date, weekday, maskPhone, isEmail, tags, query };
