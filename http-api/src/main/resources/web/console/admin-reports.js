// Admin: reports over a period of whole UTC days, from the read side: a table per channel, a
// table per operator, and a chart of conversations per day and channel (Chart.js, served by
// the node from its WebJar as window.Chart).

import * as api from './api.js';
import { reportUnauthorized } from './admin-forms.js';
import { el } from './format.js';
import { daysOf, lastDays, periodOf } from './admin-period.js';

const CHART_DAYS = 31;
const COLOURS = ['#3b6fd8', '#e07b39', '#3aa17e', '#b84fb0', '#c9a227', '#5b6678'];

const seconds = (value) => (value == null ? '—' : `${Math.round(value)} s`);
const share = (value) => (value == null ? '—' : `${Math.round(value * 100)} %`);

class AdminReports extends HTMLElement {
  #fromInput;
  #toInput;
  #state;
  #channelBody;
  #operatorBody;
  #canvas;
  #chart;
  /** Counts refreshes, so that only the latest one's answers are shown. */
  #refreshes = 0;

  connectedCallback() {
    if (this.#state) return;
    const section = el('section', 'card admin-section');
    section.setAttribute('aria-labelledby', 'reports-heading');
    const heading = el('h2', '', 'Reports');
    heading.id = 'reports-heading';
    const hint = el('p', 'muted',
      'Conversations that started in the period (whole days, UTC). Messages and durations count once a conversation is closed.');

    const form = el('form', 'filter-bar');
    form.id = 'report-period';
    const { fromDay, toDay } = lastDays(7);
    this.#fromInput = this.#date('report-from', 'From', fromDay, form);
    this.#toInput = this.#date('report-to', 'To', toDay, form);
    const show = el('button', 'button button-primary', 'Show reports');
    show.type = 'submit';
    show.id = 'show-reports';
    form.append(show);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.refresh();
    });

    this.#state = el('p', 'muted', 'Loading…');
    this.#state.id = 'reports-state';
    this.#state.setAttribute('role', 'status');

    const channelTable = this.#table('channel-report', [
      'Channel', 'Conversations', 'Answered', 'Missed', 'Messages', 'First answer p50', 'p90',
      'Duration p50', 'p90', 'Ratings 1 / 3 / 5', 'Rated',
    ]);
    this.#channelBody = channelTable.body;
    const operatorTable = this.#table('operator-report', [
      'Operator', 'Conversations', 'Messages', 'First answer p50', 'p90', 'Ratings 1 / 3 / 5',
    ]);
    this.#operatorBody = operatorTable.body;

    const chartBox = el('div', 'chart-box');
    this.#canvas = el('canvas');
    this.#canvas.id = 'conversations-per-day';
    this.#canvas.setAttribute('role', 'img');
    this.#canvas.setAttribute('aria-label', 'Conversations per day and channel');
    chartBox.append(this.#canvas);

    section.append(
      heading, hint, form, this.#state,
      el('h3', '', 'Conversations per day'), chartBox,
      el('h3', '', 'By channel'), channelTable.table,
      el('h3', '', 'By operator'), operatorTable.table,
    );
    this.replaceChildren(section);
    this.refresh();
  }

  async refresh() {
    const refresh = ++this.#refreshes;
    const period = periodOf(this.#fromInput.value, this.#toInput.value);
    this.#state.hidden = false;
    this.#state.className = 'muted';
    if (!period || period.from >= period.to) {
      this.#state.className = 'notice-error';
      this.#state.textContent = 'Choose a first and a last day, the first not after the last.';
      this.removeAttribute('aria-busy');
      return;
    }
    this.#state.textContent = 'Loading…';
    this.setAttribute('aria-busy', 'true');
    try {
      const channels = await api.adminGetChannels();
      const days = daysOf(period).slice(-CHART_DAYS);
      const [channelReports, operatorReports, perDay] = await Promise.all([
        Promise.all(channels.map((c) => api.adminChannelReport(c.id, period.from, period.to))),
        api.adminOperatorsReport(period.from, period.to),
        this.#countPerDay(channels, days),
      ]);
      if (refresh !== this.#refreshes) return;
      this.#renderChannels(channels, channelReports);
      this.#renderOperators(operatorReports);
      this.#renderChart(channels, days, perDay);
      const empty = channelReports.every((r) => r.conversations === 0);
      this.#state.hidden = !empty;
      this.#state.textContent = 'No conversations started in this period.';
    } catch (error) {
      if (refresh !== this.#refreshes) return;
      reportUnauthorized(this, error);
      this.#state.className = 'notice-error';
      this.#state.textContent = `The reports could not be loaded: ${error.message}`;
    } finally {
      if (refresh === this.#refreshes) this.removeAttribute('aria-busy');
    }
  }

  #renderChannels(channels, reports) {
    this.#channelBody.replaceChildren(...channels.map((channel, i) => {
      const r = reports[i];
      const row = el('tr');
      row.dataset.channelId = channel.id;
      row.append(
        el('td', '', channel.name),
        el('td', 'num', String(r.conversations)),
        el('td', 'num', String(r.answered)),
        el('td', 'num', String(r.missed)),
        el('td', 'num', String(r.messages)),
        el('td', 'num', seconds(r.firstAnswerSeconds.p50)),
        el('td', 'num', seconds(r.firstAnswerSeconds.p90)),
        el('td', 'num', seconds(r.durationSeconds.p50)),
        el('td', 'num', seconds(r.durationSeconds.p90)),
        el('td', 'num', `${r.ratings['1']} / ${r.ratings['3']} / ${r.ratings['5']}`),
        el('td', 'num', share(r.ratedShare)),
      );
      return row;
    }));
  }

  #renderOperators(reports) {
    if (reports.length === 0) {
      const row = el('tr');
      const cell = el('td', 'muted', 'No operator had a conversation in this period.');
      cell.colSpan = 6;
      row.append(cell);
      this.#operatorBody.replaceChildren(row);
      return;
    }
    this.#operatorBody.replaceChildren(...reports.map((r) => {
      const row = el('tr');
      row.dataset.operatorId = r.operatorId;
      row.append(
        el('td', '', r.displayName ?? r.operatorId),
        el('td', 'num', String(r.conversations)),
        el('td', 'num', String(r.messages)),
        el('td', 'num', seconds(r.firstAnswerSeconds.p50)),
        el('td', 'num', seconds(r.firstAnswerSeconds.p90)),
        el('td', 'num', `${r.ratings['1']} / ${r.ratings['3']} / ${r.ratings['5']}`),
      );
      return row;
    }));
  }

  /** Each channel's conversations on each of the days, one report a channel and day. */
  #countPerDay(channels, days) {
    return Promise.all(channels.map((channel) => Promise.all(days.map((day) =>
      api.adminChannelReport(channel.id, day.from, day.to).then((r) => r.conversations)))));
  }

  /** One bar per day (the last 31 of the period at most), stacked by channel. */
  #renderChart(channels, days, counts) {
    this.#canvas.dataset.total = String(counts.flat().reduce((a, b) => a + b, 0));
    if (!window.Chart) return;
    this.#chart?.destroy();
    this.#chart = new window.Chart(this.#canvas, {
      type: 'bar',
      data: {
        labels: days.map((d) => d.day),
        datasets: channels.map((channel, i) => ({
          label: channel.name,
          data: counts[i],
          backgroundColor: COLOURS[i % COLOURS.length],
        })),
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
  }

  #date(id, text, value, form) {
    const field = el('div', 'field');
    const label = el('label', '', text);
    const input = el('input', 'input');
    Object.assign(input, { id, type: 'date', value });
    label.htmlFor = id;
    field.append(label, input);
    form.append(field);
    return input;
  }

  #table(id, columns) {
    const table = el('table', 'data-table');
    table.id = id;
    const head = el('thead');
    const row = el('tr');
    columns.forEach((text, i) => {
      const th = el('th', i === 0 ? '' : 'num', text);
      th.scope = 'col';
      row.append(th);
    });
    head.append(row);
    const body = el('tbody');
    table.append(head, body);
    return { table, body };
  }
}

customElements.define('admin-reports', AdminReports);
