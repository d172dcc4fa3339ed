// The operations dashboard. It holds no figures itself: it asks the measures API for them with
// the analyst's own access token, and shows them in plain words, tiles, bar charts (inline SVG,
// no libraries: the page must work offline) and tables. Every figure shown carries
// data-figure (what it is) and data-value (the API's raw value), so a test can check that what
// the page shows is what the API says.
'use strict';
(function () {
  const TOKEN_KEY = 'analytics-token';
  const API = '/api/analytics';
  const CHANNELS = [
    ['web', 'Website'], ['app', 'Council app'], ['open311', 'Open311 apps (e.g. FixMyStreet)'],
    ['phone', 'Phone'], ['face_to_face', 'Face to face'], ['email', 'Email']];
  const SVG = 'http://www.w3.org/2000/svg';
  const $ = (id) => document.getElementById(id);

  const format = {
    count: (n) => (n == null ? 'no data' : Number(n).toLocaleString('en-GB')),
    percent: (x) => (x == null ? 'no data' : (x * 100).toFixed(1) + '%'),
    points: (x) => (x == null ? 'no data' : (x >= 0 ? '+' : '-') + Math.abs(x * 100).toFixed(1) + ' points'),
    money: (x) => (x == null ? 'no data' : (Number(x) < 0 ? '-£' : '£') + Math.abs(Number(x)).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })),
    hours: (x) => (x == null ? 'no data' : Number(x).toFixed(1) + ' h'),
  };

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([k, v]) => node.setAttribute(k, v));
    children.forEach((c) => node.append(c instanceof Node ? c : document.createTextNode(String(c))));
    return node;
  }

  function svg(tag, attributes, text) {
    const node = document.createElementNS(SVG, tag);
    Object.entries(attributes || {}).forEach(([k, v]) => node.setAttribute(k, v));
    if (text != null) node.textContent = text;
    return node;
  }

  /** A figure as shown, with what it is and the API's raw value. */
  function figure(name, value, kind) {
    return el('span', { 'data-figure': name, 'data-value': value == null ? '' : String(value) },
      format[kind](value));
  }

  // --- the token: from the address fragment once (never sent to a server), then this tab only ---
  function token() {
    const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
    if (match) {
      sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
      history.replaceState(null, '', location.pathname + location.search);
    }
    return sessionStorage.getItem(TOKEN_KEY);
  }

  // --- the dates asked for; the comparison period defaults to the one just before -------------
  function isoDate(d) { return d.toISOString().slice(0, 10); }
  // Today in the council's time zone: between midnight and 01:00 in summer, UTC is still yesterday.
  function todayInLondon() {
    return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
  }
  function addDays(iso, n) { const d = new Date(iso + 'T00:00:00Z'); d.setUTCDate(d.getUTCDate() + n); return isoDate(d); }
  function daysBetween(a, b) { return Math.round((new Date(b + 'T00:00:00Z') - new Date(a + 'T00:00:00Z')) / 86400000); }

  function range() {
    const q = new URLSearchParams(location.search);
    const to = q.get('to') || todayInLondon();
    const from = q.get('from') || addDays(to, -27);
    const span = daysBetween(from, to);
    const baselineTo = q.get('baselineTo') || addDays(from, -1);
    const baselineFrom = q.get('baselineFrom') || addDays(baselineTo, -span);
    const granularity = q.get('granularity') || 'week';
    return { from, to, granularity, baselineFrom, baselineTo };
  }

  async function api(path, accessToken) {
    const response = await fetch(API + path, { headers: { Authorization: 'Bearer ' + accessToken } });
    if (response.status === 401) throw new Error('signin');
    if (response.status === 403) throw new Error('Your account may not see these figures: it needs the ANALYST or ADMIN role.');
    if (!response.ok) {
      let detail = 'The figures could not be loaded (' + response.status + ').';
      try { detail = (await response.json()).detail || detail; } catch (ignored) { /* not JSON */ }
      throw new Error(detail);
    }
    return response;
  }

  function status(text, isError) {
    const s = $('status');
    s.textContent = text;
    s.className = isError ? 'error' : '';
    s.hidden = !text;
  }

  // --- charts -------------------------------------------------------------------------------
  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

  /** "25 Nov" for a day, "W48" for a week, "Nov 26" for a month: short enough to sit under a bar. */
  function shortLabel(p) {
    const [year, month, day] = p.period.split('-').map(Number);
    if (/W\d+$/.test(p.label)) return p.label.slice(-3);
    if (/^\d{4}-\d{2}$/.test(p.label)) return MONTHS[month - 1] + ' ' + String(year).slice(2);
    return day + ' ' + MONTHS[month - 1];
  }

  function stackedBars(container, periods) {
    const barWidth = 34; const gap = 14; const height = 220; const top = 10; const left = 40;
    const width = left + periods.length * (barWidth + gap) + gap;
    const max = Math.max(1, ...periods.map((p) => p.mix.total));
    const chart = svg('svg', { viewBox: `0 0 ${width} ${height + 70}`, width, role: 'img',
      'aria-label': 'Contacts in each period by channel' });
    chart.append(svg('text', { x: 0, y: top + 10 }, format.count(max)));
    chart.append(svg('text', { x: 0, y: top + height }, '0'));
    chart.append(svg('line', { x1: left - 4, x2: width, y1: top + height, y2: top + height, stroke: '#0b0c0c' }));
    periods.forEach((p, i) => {
      const x = left + gap + i * (barWidth + gap);
      let y = top + height;
      CHANNELS.forEach(([channel, name]) => {
        const n = p.mix.contacts[channel];
        if (!n) return;
        const h = (n / max) * height;
        y -= h;
        const rect = svg('rect', { x, y, width: barWidth, height: h, class: 'c-' + channel });
        rect.append(svg('title', {}, `${p.label}: ${name} ${format.count(n)}`));
        chart.append(rect);
      });
      chart.append(svg('text', { x, y: top + height + 16 }, shortLabel(p)));
      chart.append(svg('text', { x, y: top + height + 32 }, format.percent(p.mix.digitalTakeUp)));
    });
    chart.append(svg('text', { x: 0, y: top + height + 32 }, 'online'));
    container.replaceChildren(chart);
  }

  function horizontalBars(container, rows, kind) {
    const labelWidth = 260; const barMax = 420; const rowHeight = 26;
    const max = Math.max(1e-9, ...rows.map((r) => Number(r.value) || 0));
    const chart = svg('svg', { viewBox: `0 0 ${labelWidth + barMax + 110} ${rows.length * rowHeight + 6}`,
      width: labelWidth + barMax + 110, role: 'img' });
    rows.forEach((r, i) => {
      const y = i * rowHeight + 4;
      chart.append(svg('text', { x: 0, y: y + 15 }, r.label));
      const rect = svg('rect', { x: labelWidth, y, height: rowHeight - 8,
        width: Math.max(1, ((Number(r.value) || 0) / max) * barMax), class: r.cls || 'bar' });
      rect.append(svg('title', {}, `${r.label}: ${format[kind](r.value)}`));
      chart.append(rect);
      const attributes = { x: labelWidth + ((Number(r.value) || 0) / max) * barMax + 6, y: y + 15 };
      if (r.figure) Object.assign(attributes, { 'data-figure': r.figure, 'data-value': String(r.value) });
      chart.append(svg('text', attributes, format[kind](r.value)));
    });
    if (!rows.length) chart.append(svg('text', { x: 0, y: 18 }, 'Nothing in this period.'));
    container.replaceChildren(chart);
  }

  function table(node, headings, rows) {
    node.replaceChildren(el('thead', {}, el('tr', {}, ...headings.map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, ...rows.map((cells) => el('tr', {}, ...cells.map((c) => el('td', {}, c))))));
  }

  function tile(label, value, note) {
    return el('div', { class: 'tile' }, el('span', { class: 'value' }, value), el('span', { class: 'label' }, label),
      ...(note ? [el('div', { class: 'note' }, ...note)] : []));
  }

  // --- the page -----------------------------------------------------------------------------
  function render(r, shift, cost, demand, timeliness, standard, avoided) {
    const base = shift.baseline;
    $('tiles').replaceChildren(
      tile('contacts', figure('contacts', shift.total.total, 'count')),
      tile('made online (website, app, Open311)', figure('digitalTakeUp', shift.total.digitalTakeUp, 'percent'),
        base && base.mix.total > 0
          ? [figure('digitalTakeUpChange', base.digitalTakeUpChange, 'points'), ' on ',
            figure('baselineDigitalTakeUp', base.mix.digitalTakeUp, 'percent'), ' in the comparison period']
          : ['no contacts in the comparison period to compare with']),
      tile('cost to serve', figure('cost', cost.cost, 'money'),
        [figure('costPerContact', cost.costPerContact, 'money'), ' a contact']),
      tile('saved against the comparison period\'s channel mix',
        figure('saving', cost.baseline ? cost.baseline.saving : null, 'money')),
      tile('contacts avoided: pages that answered the question', figure('contactsAvoided', avoided.totalContactsAvoided, 'count'),
        [figure('contactsAvoidedSaved', avoided.totalCostSaved, 'money'), ' saved']),
      tile('open cases now (backlog)', figure('backlog', demand.backlog.open, 'count')),
      tile('resolved within target', figure('shareWithinTarget', timeliness.overall.shareWithinTarget, 'percent'),
        [figure('resolved', timeliness.overall.resolved, 'count'), ' cases resolved']),
      tile('median time to resolve', figure('medianHours', timeliness.overall.medianHours, 'hours'),
        ['9 in 10 within ', figure('p90Hours', timeliness.overall.p90Hours, 'hours')]),
      tile('targets breached', figure('targetBreaches', timeliness.overall.targetBreaches, 'count')));

    $('shift-unit').textContent = r.granularity;
    $('shift-legend').replaceChildren(...CHANNELS.map(([c, name]) =>
      el('span', {}, el('span', { class: 'swatch c-' + c }), name)));
    stackedBars($('shift-chart'), shift.periods);
    table($('shift-table'), ['Period', ...CHANNELS.map(([, name]) => name), 'All', 'Online share'],
      shift.periods.map((p) => [p.label,
        ...CHANNELS.map(([c]) => figure(`shift.${p.label}.${c}`, p.mix.contacts[c], 'count')),
        figure(`shift.${p.label}.total`, p.mix.total, 'count'),
        figure(`shift.${p.label}.digitalTakeUp`, p.mix.digitalTakeUp, 'percent')]));

    const names = Object.fromEntries(CHANNELS);
    horizontalBars($('cost-chart'), cost.channels.map((c) => ({ label: names[c.channel], value: c.cost, cls: 'c-' + c.channel })), 'money');
    table($('cost-table'), ['Channel', 'Contacts', 'Cost of one contact', 'Cost'],
      [...cost.channels.map((c) => [names[c.channel], figure(`cost.${c.channel}.contacts`, c.contacts, 'count'),
        figure(`cost.${c.channel}.unitCost`, c.unitCost, 'money'), figure(`cost.${c.channel}.cost`, c.cost, 'money')]),
      ['All channels', figure('cost.all.contacts', cost.contacts, 'count'), '', figure('cost.all.cost', cost.cost, 'money')]]);

    $('avoided-unit').replaceChildren(figure('avoided.savingPerContact', avoided.savingPerContact, 'money'));
    horizontalBars($('avoided-chart'), avoided.byService.map((s) => ({ label: s.serviceName, value: s.contactsAvoided })), 'count');
    table($('avoided-table'), ['Service', 'Contacts avoided', 'Saved'],
      [...avoided.byService.map((s) => [s.serviceName, figure(`avoided.${s.serviceCode}.contacts`, s.contactsAvoided, 'count'),
        figure(`avoided.${s.serviceCode}.saved`, s.costSaved, 'money')]),
      ['All services', figure('avoided.all.contacts', avoided.totalContactsAvoided, 'count'),
        figure('avoided.all.saved', avoided.totalCostSaved, 'money')]]);

    horizontalBars($('service-chart'), demand.byService.map((s) => ({ label: s.name, value: s.cases, figure: `demand.service.${s.service}` })), 'count');
    horizontalBars($('area-chart'), demand.byArea.map((a) => ({ label: a.name, value: a.cases, figure: `demand.area.${a.key}` })), 'count');
    horizontalBars($('status-chart'), demand.byStatus.map((s) => ({ label: s.name.replace('_', ' '), value: s.cases, figure: `demand.status.${s.key}` })), 'count');
    horizontalBars($('backlog-chart'), demand.backlog.byService.map((s) => ({ label: s.name, value: s.cases, figure: `backlog.${s.key}` })), 'count');

    table($('time-table'), ['Service', 'Resolved', 'Within target', 'Median', '9 in 10 within', 'Targets breached'],
      timeliness.byService.map((t) => [t.name, figure(`time.${t.service}.resolved`, t.resolved, 'count'),
        figure(`time.${t.service}.shareWithinTarget`, t.shareWithinTarget, 'percent'),
        figure(`time.${t.service}.medianHours`, t.medianHours, 'hours'),
        figure(`time.${t.service}.p90Hours`, t.p90Hours, 'hours'),
        figure(`time.${t.service}.targetBreaches`, t.targetBreaches, 'count')]));

    table($('govuk-table'), ['Service', 'Cost per transaction', 'Digital take-up', 'Completion rate', 'User satisfaction'],
      standard.services.map((s) => [s.name, figure(`govuk.${s.service}.costPerTransaction`, s.costPerTransaction, 'money'),
        figure(`govuk.${s.service}.digitalTakeUp`, s.digitalTakeUp, 'percent'),
        figure(`govuk.${s.service}.completionRate`, s.completionRate, 'percent'),
        figure(`govuk.${s.service}.userSatisfaction`, s.userSatisfaction, 'percent')]));
  }

  async function downloadCsv(path, name, accessToken) {
    const response = await api(path, accessToken);
    const link = el('a', { href: URL.createObjectURL(await response.blob()), download: name });
    document.body.append(link);
    link.click();
    link.remove();
  }

  async function load() {
    const r = range();
    ['from', 'to', 'granularity', 'baselineFrom', 'baselineTo'].forEach((k) => { $(k).value = r[k]; });
    const accessToken = token();
    if (!accessToken) {
      status('');
      $('signin').hidden = false;
      return;
    }
    const q = `from=${r.from}&to=${r.to}`;
    $('csv-link').onclick = (e) => {
      e.preventDefault();
      downloadCsv(`/channel-shift.csv?${q}&granularity=${r.granularity}`, 'channel-shift.csv', accessToken)
        .catch((err) => status(err.message, true));
    };
    $('avoided-csv').onclick = (e) => {
      e.preventDefault();
      downloadCsv(`/contacts-avoided.csv?${q}`, 'contacts-avoided.csv', accessToken).catch((err) => status(err.message, true));
    };
    const b = `baselineFrom=${r.baselineFrom}&baselineTo=${r.baselineTo}`;
    try {
      const answers = await Promise.all([
        `/channel-shift?${q}&granularity=${r.granularity}&${b}`, `/cost-to-serve?${q}&${b}`,
        `/demand?${q}`, `/timeliness?${q}`, `/service-standard?${q}`, `/contacts-avoided?${q}`]
        .map((path) => api(path, accessToken).then((response) => response.json())));
      render(r, ...answers);
      $('figures').hidden = false;
      status('');
      document.body.setAttribute('data-loaded', 'true');
    } catch (err) {
      if (err.message === 'signin') {
        sessionStorage.removeItem(TOKEN_KEY);
        status('Your access token has expired or is not valid: sign in again.', true);
        $('signin').hidden = false;
      } else {
        status(err.message, true);
      }
      document.body.setAttribute('data-loaded', 'error');
    }
  }

  $('token-form').addEventListener('submit', (e) => {
    e.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, $('token-input').value.trim());
    $('signin').hidden = true;
    load();
  });
  load();
}());
