// policy.js: a policy's 有效性 as of the reader's day. A page built on
// 1 June says 现行有效 of a document whose 有效期 ends on 30 June; read on
// 1 July, it would go on saying so until the next build. The page carries
// the days after its as-of date on which the status changes (data-changes,
// written by generator/render/content.go from model.Policy.StatusAsOf: a
// line a day, "YYYY-MM-DD<tab>有效性"), and this says the status of today
// in China, and that the page's data is older. A file, not inline code:
// the Content-Security-Policy holds.
(function () {
  'use strict';
  // today in Asia/Shanghai (UTC+8 all year), as YYYY-MM-DD
  var today = new Date(Date.now() + 288e5).toISOString().slice(0, 10);
  document.querySelectorAll('.policy-status[data-changes]').forEach(function (el) {
    var now = '';
    el.dataset.changes.split('\n').forEach(function (l) {
      var f = l.split('\t');
      if (f.length === 2 && f[0] <= today) now = f[1];
    });
    if (!now) return;
    var s = el.querySelector('strong'), was = s.textContent;
    s.textContent = now;
    var note = el.querySelector('.asof-note');
    if (!note) {
      note = document.createElement('span');
      note.className = 'asof-note';
      el.append(note);
    }
    note.textContent = '（按今天 ' + today + ' 的日期；本页依据截至 ' + el.dataset.asof + ' 的数据生成，当时为' + was + '）';
    el.dataset.judged = today;
  });
  // 将被替代 becomes 已被替代 on the day the replacing document takes effect
  document.querySelectorAll('.replaced-on[data-from]').forEach(function (th) {
    if (th.dataset.from && th.dataset.from <= today) th.textContent = '已被替代';
  });
})();
