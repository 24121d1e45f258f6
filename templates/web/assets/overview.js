// 总览: draws the charts from the numbers the page was rendered with, then refreshes the counts,
// the queues, the poller and the charts from /api/overview every 5 seconds, without a reload.
(() => {
  const holder = document.getElementById('overview-data');
  if (!holder) return;
  let data = JSON.parse(holder.dataset.json || '{}');
  const charts = {};
  const text = (v) => (v === null || v === undefined ? '' : String(v));
  const beijing = (iso) => {
    if (!iso) return '';
    const d = new Date(new Date(iso).getTime() + 8 * 3600 * 1000).toISOString();
    return `${d.slice(0, 10)} ${d.slice(11, 19)}`;
  };
  const QUEUES = { ingest: '邮件解析', ack: '回执发送' };

  function chart(id, option) {
    const el = document.getElementById(id);
    if (!el || !window.echarts) return;
    charts[id] = charts[id] || window.echarts.init(el);
    charts[id].setOption({ title: { text: el.dataset.title, left: 8, top: 6, textStyle: { fontSize: 14 } }, ...option }, true);
  }

  function bars(id, rows) {
    chart(id, {
      grid: { left: 90, right: 24, top: 36, bottom: 20 },
      tooltip: {},
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.name) },
      series: [{ type: 'bar', data: rows.map((r) => r.count), itemStyle: { color: '#0b5cad' } }],
    });
  }

  function draw() {
    chart('chart-daily', {
      grid: { left: 40, right: 24, top: 40, bottom: 30 },
      tooltip: { trigger: 'axis' },
      legend: { top: 6, right: 16 },
      xAxis: { type: 'category', data: data.daily.map((d) => d.day) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: '申报邮件', type: 'bar', stack: 'mail', data: data.daily.map((d) => d.submissions), itemStyle: { color: '#0b5cad' } },
        { name: '非申报邮件', type: 'bar', stack: 'mail', data: data.daily.map((d) => d.notSubmissions), itemStyle: { color: '#b8c4ce' } },
      ],
    });
    bars('chart-industry', data.byIndustry);
    bars('chart-direction', data.byDirection);
    bars('chart-category', data.byCategory);
  }

  function fill() {
    for (const el of document.querySelectorAll('[data-k]')) {
      const [scope, key] = el.dataset.k.split('.');
      const target = el.querySelector('a') || el;
      target.textContent = text(data[scope] && data[scope][key]);
    }
    const queues = document.querySelector('#queues tbody');
    if (queues) {
      queues.replaceChildren(
        ...data.queues.map((q) => {
          const tr = document.createElement('tr');
          const cells = [QUEUES[q.queue] || q.queue, q.counts.waiting, q.counts.active, q.counts.failed, q.counts.delayed, q.oldestWaitingSeconds ? `${q.oldestWaitingSeconds} 秒` : '—'];
          for (const c of cells) {
            const td = document.createElement('td');
            td.textContent = text(c);
            tr.append(td);
          }
          return tr;
        }),
      );
    }
    const pollers = document.querySelector('#pollers tbody');
    if (pollers && data.pollers.length) {
      pollers.replaceChildren(
        ...data.pollers.map((p) => {
          const tr = document.createElement('tr');
          const state = document.createElement('span');
          state.className = p.connected ? 'ok' : 'bad';
          state.textContent = p.connected ? '已连接' : '未连接';
          const cells = [p.mailbox, state, p.lastUid, beijing(p.lastFetchAt)];
          for (const c of cells) {
            const td = document.createElement('td');
            if (c instanceof Node) td.append(c);
            else td.textContent = text(c);
            tr.append(td);
          }
          return tr;
        }),
      );
    }
    const updated = document.getElementById('updated');
    if (updated) updated.textContent = `更新于 ${beijing(data.at)}`;
  }

  async function refresh() {
    try {
      const res = await fetch('/api/overview', { headers: { accept: 'application/json' }, credentials: 'same-origin' });
      if (res.status === 401) return window.location.assign('/login?next=/');
      if (!res.ok) return;
      data = await res.json();
      fill();
      draw();
    } catch {
      // Offline for a moment: the next tick tries again.
    }
  }

  draw();
  window.addEventListener('resize', () => Object.values(charts).forEach((c) => c.resize()));
  setInterval(refresh, 5000);
})();
