// verdict.js: an agency page's verdict against the reader's clock, and its
// status on any day the reader picks; and the status tags of a page (an
// agency page's, a register list's) against the reader's clock too. The
// page carries every span of the agency's record with its verdict
// (data-spans, written by
// generator/render/verdicts.go from the same spans the build judged with),
// so a page built on 1 June that says 许可有效 does not go on saying it on
// 1 July after the licence ended on 30 June: the banner is re-judged for
// today's date in China, and says when the data is older than the site's
// horizon. A file, not inline code: the Content-Security-Policy holds.
(function () {
  'use strict';
  // today is the reader's date in Asia/Shanghai, as YYYY-MM-DD
  // (China keeps UTC+8 all year, so no time-zone tables are needed: an
  // Intl.DateTimeFormat for Asia/Shanghai costs a phone ~50 ms to set up)
  function today() { return new Date(Date.now() + 288e5).toISOString().slice(0, 10); }
  var now = today(), dated = document.querySelector('[data-asof]');

  // tagOn is the line of tag data that holds day d: data is a line a span
  // from the as-of date's on, tab-separated: from, class, icon, label, and
  // a register list's 有效期至 (generator/render/verdicts.go, tagData)
  function tagOn(data, d) {
    var t = null;
    data.split('\n').forEach(function (l) { var f = l.split('\t'); if (f[0] <= d) t = f; });
    return t;
  }

  // the status tags of the page (data-tag) — an agency page's head
  // office's and branches', a register list's rows — so that a page never
  // says 有效 of a head office beside a branch re-judged for its ending, nor
  // a list 有效 of a licence that has ended since it was built (an agency
  // page's own tag follows its banner, below)
  var changed = 0, later = dated && now > dated.dataset.asof;
  if (later) document.querySelectorAll('[data-tag]').forEach(function (e) {
    var t = tagOn(e.dataset.tag, now), tag = e.querySelector('.status');
    if (!t || !tag) return;
    // a list row's 有效期至 goes with its tag (a renewed licence's end, the
    // day a licence began or ended), even where the tag itself stays
    var until = e.parentElement.querySelector('[data-label="有效期至"]');
    if (until && t[4] !== undefined && until.textContent !== t[4]) until.textContent = t[4];
    if (tag.lastChild.textContent === t[3]) return;
    tag.className = 'status status-' + t[1];
    tag.querySelector('.icon').textContent = t[2];
    tag.lastChild.textContent = t[3];
    e.dataset.judged = now;
    changed++;
  });

  // the 有效期 of an agency page and its 许可公示牌 (data-term: a line a
  // later form, tab-separated: the first day it holds, its text —
  // render.TermView): a licence renewed ahead shows the period in force,
  // then the new one; an ended period says so
  if (later) document.querySelectorAll('[data-term]').forEach(function (e) {
    var t = tagOn(e.dataset.term, now);
    if (t && e.textContent !== t[1]) e.textContent = t[1];
  });

  // a 许可公示牌 (printed too) says it is void once the agency may not dispatch
  var voided = document.querySelector('.poster-void[data-void]');
  if (voided && later) {
    var v = tagOn(voided.dataset.void, now);
    if (v && v[1] !== 'ok') {
      voided.textContent = '本公示牌已失效：按今天（' + now + '）的日期，该单位的状态为“' + v[3] + '”，不得经营劳务派遣业务。请勿张贴，以扫码查询的结果为准。';
      voided.hidden = false;
    }
  }

  var box = document.querySelector('.verdict[data-spans]');
  if (!box) {
    // a list says which of its rows it re-judged, above the table
    if (changed) {
      var note = document.createElement('p');
      note.className = 'notice rejudged';
      note.textContent = '按今天（' + now + '）的日期，本页有 ' + changed + ' 个单位的许可状态与数据截至 ' + dated.dataset.asof + ' 时不同，已重新标注；详情见各单位页面。';
      (dated.closest('.table-wrap') || dated).before(note);
    }
    return;
  }
  // data-spans: a line a span, tab-separated: from, until, class, icon,
  // headline, detail, grounds, label (generator/render/verdicts.go, spansData)
  var spans = box.dataset.spans.split('\n').map(function (l) {
    var f = l.split('\t');
    return { f: f[0], u: f[1], c: f[2], i: f[3], h: f[4], d: f[5], g: f[6], l: f[7] };
  });
  var asOf = box.dataset.asof, stale = Number(box.dataset.stale) || 31;

  // spanOn is the span covering day d (ISO dates compare as strings)
  function spanOn(d) {
    var s = spans[0];
    for (var i = 1; i < spans.length; i++) if (spans[i].f <= d) s = spans[i];
    return s;
  }
  function daysBetween(a, b) { return Math.round((Date.parse(b) - Date.parse(a)) / 864e5); }
  function text(sel, t) {
    var e = box.querySelector(sel);
    if (!e && t) {
      e = document.createElement('p');
      e.className = sel.slice(1);
      box.querySelector('.verdict-detail').after(e);
    }
    if (e) { e.textContent = t || ''; e.hidden = !t; }
    // a date never breaks after its hyphens on a narrow screen (as the page writes it)
    if (e && sel === '.verdict-text') {
      e.textContent = '';
      (t || '').split(/([0-9]{4}-[0-9]{2}-[0-9]{2})/).forEach(function (p, i) {
        if (i % 2) { var s = document.createElement('span'); s.className = 'nw'; s.textContent = p; e.append(s); } else if (p) e.append(p);
      });
    }
  }

  var built = spanOn(asOf), cur = spanOn(now), notes = [];
  if (now > asOf && cur !== built) {
    box.className = box.className.replace(/\bverdict-(ok|neutral|warn|bad)\b/, 'verdict-' + cur.c);
    box.querySelector('.verdict-head .icon').textContent = cur.i;
    text('.verdict-text', cur.h);
    text('.verdict-detail', cur.d);
    text('.verdict-grounds', cur.g);
    // the status tag in the facts, with the banner
    var own = document.querySelector('.own-status .status');
    if (own) {
      own.className = 'status status-' + cur.c;
      own.querySelector('.icon').textContent = cur.i;
      own.lastChild.textContent = cur.l;
    }
    notes.push('按今天（' + now + '）的日期重新判断。本页依据截至 ' + asOf + ' 的数据生成，当时的结论是“' + built.h + '”。');
    // a 许可公示牌 is offered only while the agency may dispatch
    var poster = document.querySelector('.poster-link');
    if (poster && cur.c !== 'ok') poster.hidden = true;
  }
  var age = daysBetween(asOf, now);
  if (age > stale) notes.push('数据截至 ' + asOf + '，距今已 ' + age + ' 天，之后可能有变化，请以许可机关的最新公告为准。');
  if (notes.length) {
    var live = box.querySelector('.verdict-live');
    live.textContent = notes.join('');
    live.hidden = false;
  }
  box.dataset.judged = now;

  // the status on a day the reader picks
  var form = document.querySelector('form.on-date');
  if (!form) return;
  var input = form.querySelector('input'), out = form.querySelector('output');
  form.hidden = false;
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var d = input.value.trim();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) {
      out.textContent = '请输入日期，例如 2024-05-01。';
      out.className = 'on-date-result';
      return;
    }
    var s = spanOn(d), t = s.i + ' ' + d + '：' + s.h + '。' + (s.g ? s.g + '。' : '');
    if (d > asOf) t += '该日期晚于数据截至日期 ' + asOf + '，以上按现有数据推算，之后的决定可能改变结论。';
    out.textContent = t;
    out.className = 'on-date-result on-date-' + s.c;
    out.dataset.status = s.c;
  });
})();
