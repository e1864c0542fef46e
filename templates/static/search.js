// search.js: the search box and page; search-index.js reads the index.
// Documented at the Go twins in generator/search (README: Search).
(function () {
	'use strict';

	var ENGINE = document.currentScript.dataset.engine, loading = null;
	// engine is window.portalSearch, search-index.js loaded once
	function engine() {
		if (window.portalSearch) return Promise.resolve(window.portalSearch);
		return loading || (loading = new Promise(function (ok, fail) {
			var s = document.createElement('script');
			s.src = ENGINE;
			s.onload = function () { ok(window.portalSearch); };
			s.onerror = function () { loading = null; fail(new Error(ENGINE + ': not loaded')); };
			document.head.append(s);
		}));
	}

	function today() { return new Date(Date.now() + 288e5).toISOString().slice(0, 10); }

	// the verdict whose span holds the day now: the record's as built, or
	// one of those after it (x), each holding until its w
	function verdictNow(rec, now) {
		var v = rec, later = rec.x || [];
		for (var j = 0; v.w && now > v.w && j < later.length; j++) v = later[j];
		return { k: v.k, i: v.i, g: v.g, v: v.v, rejudged: v !== rec };
	}


	function el(tag, cls, text) {
		var e = document.createElement(tag);
		if (cls) e.className = cls;
		if (text !== undefined) e.textContent = text;
		return e;
	}

	function wording(form) {
		var t = form.querySelector('template.search-words');
		return function (k) {
			var e = t && t.content.querySelector('[data-k="' + k + '"]'), a = arguments;
			return (e ? e.textContent : k).replace(/\{(\d)\}/g, function (_, i) { return a[+i + 1]; });
		};
	}

	var PER_PAGE = 10, SAY_AFTER = 700;
	var EDGE = /^[ \t\r\n\u3000"'“”‘’「」『』《》【】〔〕:：,，.。;；!！?？、]+|[ \t\r\n\u3000"'“”‘’「」『』《》【】〔〕:：,，.。;；!！?？、]+$/g;

	// generator/search NameIn
	var REMARK = /[（(][^（）()]*公司[^（）()]*[）)]/g;
	function nameIn(q, places) {
		var w = q.replace(REMARK, ''), i = w.lastIndexOf('公司');
		if (i < 0) return '';
		w = w.slice(0, i + 2);
		var j = Math.min.apply(0, places.map(function (p) { return w.indexOf(p); }).filter(function (x) { return x >= 0; }));
		if (j > 0 && j < Infinity && w.slice(0, j).indexOf('公司') < 0) w = w.slice(j);
		w = w.replace(EDGE, '');
		return w === q ? '' : w;
	}

	// generator/search nameOf
	function nameOf(q, places, provinces) {
		var w = nameIn(q, places), x = w || q;
		return !places.some(function (p) { return x.indexOf(p) === 0; }) && nameIn(x, provinces) || w;
	}

	// generator/search WithoutDistrict
	function noDistrict(q, w, places) {
		return [w, q.replace(REMARK, '').replace(EDGE, '')].reduce(function (r, w) {
			for (var i = 0; !r && w && i < w.length; i++) {
				var head = w.slice(0, i);
				if (i && head.slice(-1) !== '市' && places.indexOf(head) < 0) continue;
				places.some(function (p) {
					return w.substr(i, p.length) === p && (i ? '区县市' : '区县').indexOf(w.charAt(i + p.length) || '-') >= 0 && (r = head + w.slice(i + p.length + 1));
				});
			}
			return r;
		}, '');
	}

	// generator/search HeadOfficeIn (branchName without a regexp that backtracks)
	function headOffice(q, w) {
		return [w, q.replace(REMARK, '').replace(EDGE, '')].reduce(function (b, w) {
			var m = !b && w && /(分公司|分支机构|营业部|办事处|分部)$/.exec(w), i = m ? w.lastIndexOf('公司', m.index - 2) : -1;
			return b || i >= 0 && [w, w.slice(0, i + 2)];
		}, null);
	}

	// typing: the query came from a keystroke, not a submit or the address
	function render(form, idx, T, res, q, page, typing) {
		var say = wording(form);
		var list = form.querySelector('.hits'), status = form.querySelector('.search-status');
		var none = form.querySelector('.search-none'), more = form.querySelector('.search-more');
		var heading = form.querySelector('.results-heading'), site = form.dataset.site, now = today();
		var from = (page - 1) * PER_PAGE, shown = res.hits.slice(from, from + PER_PAGE);
		list.textContent = '';
		more.textContent = '';
		none.hidden = true;
		if (!q) { list.hidden = more.hidden = true; if (heading) heading.hidden = true; status.textContent = ''; return Promise.resolve(); }
		return Promise.all(shown.map(function (h) { return idx.record(h.o); })).then(function (recs) {
			recs.forEach(function (rec, i) {
				var li = el('li', 'hit'), h = shown[i], a = el('a', 'hit-name', rec.n);
				a.href = site + (rec.c ? 'agencies/' + rec.c + '/' : rec.u);
				var name = el('p');
				name.appendChild(a);
				li.appendChild(name);
				var meta = el('p', 'hit-meta');
				if (rec.c) {
					var vd = verdictNow(rec, now), tag = el('span', 'status status-' + vd.k), icon = el('span', 'icon', vd.i);
					icon.setAttribute('aria-hidden', 'true');
					tag.appendChild(icon);
					tag.appendChild(document.createTextNode(vd.g));
					meta.appendChild(tag);
					meta.appendChild(document.createTextNode(' ' + vd.v + (vd.rejudged ? say('rejudged') : '')));
					if (rec.m) meta.appendChild(el('span', 'flag flag-watch', say('watch')));
					if (rec.a) meta.appendChild(el('span', 'flag flag-abnormal', say('abnormal')));
					li.appendChild(meta);
					var facts = el('p', 'hit-facts', say('code18', rec.c) + (rec.l ? say('licence', rec.l) : '') + (rec.r ? ' · ' + rec.r : ''));
					li.appendChild(facts);
					if (h.tier === T.exactFormer || h.tier === T.former) li.appendChild(el('p', 'hit-former', say('former', rec.f.join('、'))));
					if (h.tier === T.codeFix) li.appendChild(el('p', 'hit-former', say('codeFix')));
				} else {
					meta.appendChild(el('span', 'kind', rec.t));
					if (rec.d) meta.appendChild(document.createTextNode(' ' + rec.d));
					li.appendChild(meta);
				}
				if (h.tier >= T.near || res.head) li.insertBefore(el('p', 'hit-near', say(res.head ? 'headTag' : 'nearTag')), li.firstChild);
				li.addEventListener('click', function (ev) { if (!ev.target.closest('a')) a.click(); });
				list.appendChild(li);
			});
			list.hidden = !recs.length;
			if (heading) heading.hidden = !recs.length;
			var cc = res.code || { p: '' }, total = res.total, n = res.hits.length, ps = window.portalSearch, k;
			if (res.long) {
				status.textContent = say('tooLong', res.long, form.dataset.max);
			} else if (res.head) {
				status.textContent = say('headOffice', res.head);
			} else if (cc.p) {
				status.textContent = say('code', say('cc-' + cc.p, cc.w)) + say(recs.length ? 'codeAsk' : 'codeCheck');
			} else if (!n && typing && ps.identifier(k = ps.key(q)) && k.length < 17) {
				// a code or licence number still being typed: not yet the not-found panel (generator/search CheckCode takes 17 and 18)
				status.textContent = say('partial', q, k.length);
			} else if (!n) {
				none.hidden = false;
				none.querySelector('.search-q').textContent = q;
				status.textContent = say('none', q);
			} else if (res.hits[0].tier >= T.near) {
				status.textContent = say('near', total >= 0 ? total : n);
			} else if (total < 0) {
				status.textContent = say('many', from + 1, from + recs.length);
			} else {
				status.textContent = total > recs.length ? say('someOf', total, from + 1, from + recs.length) : say('all', total);
			}
			var asOf = form.dataset.asof, age = Math.round((Date.parse(now) - Date.parse(asOf)) / 864e5);
			if (asOf && age > (Number(form.dataset.stale) || 31)) {
				status.textContent += say('stale', asOf, age);
			}
			var later = total > from + PER_PAGE || (total < 0 && n > from + PER_PAGE - 1);
			function link(text, p) {
				var a = el('a', '', text);
				a.href = site + 'search/?q=' + encodeURIComponent(q) + (p > 1 ? '&p=' + p : '');
				more.appendChild(a);
				more.appendChild(document.createTextNode(' '));
			}
			if (form.dataset.page) {
				if (page > 1) link(say('prev'), page - 1);
				if (later) link(say('next'), page + 1);
			} else if (later) {
				link(say('more'), 1);
			}
			more.hidden = !more.childNodes.length;
		});
	}

	// generator/search TradeName
	function tradeName(rest, places, provinces, forms, words) {
		var cut, place;
		function cutPlace(names, admin) {
			return names.find(function (p) {
				if (rest.indexOf(p) || admin && '省市区县'.indexOf(rest.charAt(p.length) || '-') < 0) return;
				rest = rest.slice(p.length + ('省市区县'.indexOf(rest.charAt(p.length) || '-') >= 0));
				return 1;
			});
		}
		function cutEnd(list, min) {
			return list.some(function (f) {
				var r = rest.slice(0, -f.length);
				return rest.slice(-f.length) === f && Array.from(r).length >= min && (rest = r, 1);
			});
		}
		cutPlace(provinces);
		place = cutPlace(places);
		while (place && cutPlace(places, 1));
		var d = place && /^([^区县市]{2,3}?)[区县市](..)/u.exec(rest);
		if (d) rest = rest.slice(d[1].length + 1);
		while (cutEnd(forms, 0));
		for (cut = 0; cutEnd(words, 2); cut = 1);
		return (cut || place) && /^.{2,4}$/u.test(rest) && words.indexOf(rest) < 0 ? (place ? place + ' ' : '') + rest : '';
	}

	// generator/search Find; window.portalFind for the tests
	function findIn(idx, T, q, n, per) {
		// plain: without the near tiers, for a search whose look-alikes are not shown;
		// but: without the tier of all terms but one (rank.go search's tiers)
		function find(w, plain, but) { return idx.search(w, n, plain ? -1 : per, but); }
		// s.json first (the first search reads it anyway): its places say whether the name has a district
		return Promise.resolve(/[^\x00-\x7f]/.test(q) && idx.loadMeta()).then(function () {
			var pl = idx.places || [], m = idx.meta || {}, w = nameOf(q, pl, m.r || []), d = noDistrict(q, w, pl);
			return find(q, 0, d).then(function (res) { return found(res, w, d); });
		});
		// what the query found (res), then what it means; again: the query
		// searched again with every tier, the name without its district
		// having found nothing
		function found(res, w, d, again) {
			var top = res.hits[0];
			if (top && top.tier < T.near || res.code && res.code.p) return res;
			var pl = idx.places || [], m = idx.meta || {}, b = headOffice(q, w);
			// generator/search byTradeName, withTradeName
			function byTradeName() {
				var t = (!top || top.tier > T.near) && tradeName(window.portalSearch.key(b ? b[1] : w || q.replace(REMARK, '').replace(EDGE, '')), pl, m.r || [], m.o || [], m.i || []);
				return t ? find(t, 1).then(function (tr) {
					var k = tr.hits.filter(function (h) { return h.tier < T.codeFix && (h.tier = T.near, 1); }), seen = {}, hits = [];
					res.hits.concat(k).forEach(function (h) { if (!seen[h.o]) hits.push(seen[h.o] = h); });
					return k.length ? { hits: hits.slice(0, n), code: res.code, total: res.total + (k.length < tr.hits.length ? k.length : tr.total) - res.hits.length - k.length + hits.length } : res;
				}) : res;
			}
			return Promise.resolve(!top && w && !again && find(w)).then(function (named) {
				return named && named.hits.length ? named : Promise.resolve(d && find(d, top)).then(function (nd) {
					if (nd && nd.hits.length && (!top || nd.hits[0].tier <= T.exactFormer)) {
						nd.hits.forEach(function (h) { h.tier = Math.max(h.tier, T.near); });
						return nd;
					}
					if (!top && d) return find(q).then(function (all) { return found(all, w, '', 1); });
					return top || !b ? byTradeName() : find(b[1], 1).then(function (h) {
						var x = h.hits.filter(function (t) { return t.tier <= T.exactFormer; });
						return x.length ? { hits: x, total: x.length, head: b[0] } : byTradeName();
					});
				});
			});
		}
	}
	window.portalFind = findIn;

	function attach(form) {
		var say = wording(form);
		var idx = null, input = form.querySelector('input[type=search]');
		var list = form.querySelector('.hits'), status = form.querySelector('.search-status');
		var heading = form.querySelector('.results-heading'), seq = 0;
		// what the status says is said to a screen reader (the polite live
		// region .search-said) once it has stood for SAY_AFTER ms: a query
		// runs on every keystroke, and each count on the way to the name
		// typed would be read out
		var said = form.querySelector('.search-said'), told;
		function tell() {
			clearTimeout(told);
			told = setTimeout(function () { said.textContent = status.textContent; }, SAY_AFTER);
		}
		var params = new URLSearchParams(location.search), page = 1;
		form.classList.add('search-live');
		function run(focus, typing) {
			var q = input.value.trim(), my = ++seq;
			var slow = setTimeout(function () { if (my === seq) { status.textContent = say('busy'); tell(); } }, 300);
			return engine().then(function (ps) {
				idx = idx || new ps.Index(form.dataset);
				if (!q) return { hits: [], total: 0 };
				var len = Array.from(q).length; // search.MaxQuery
				if (len > form.dataset.max) return { hits: [], total: 0, long: len };
				return findIn(idx, ps.Tier, q, page * PER_PAGE, PER_PAGE);
			}).then(function (res) { if (my === seq) return render(form, idx, window.portalSearch.Tier, res, q, page, typing); })
				.then(function () {
					clearTimeout(slow);
					if (my !== seq) return;
					form.dataset.state = 'done';
					tell();
					performance.mark('portal-search-done');
					if (focus && heading && !heading.hidden) heading.focus();
				})
				.catch(function (err) {
					clearTimeout(slow);
					if (my !== seq) return;
					status.textContent = say('error');
					tell();
					form.dataset.state = 'error';
					if (window.console) console.warn(err);
				});
		}
		function links() { return Array.prototype.slice.call(list.querySelectorAll('a.hit-name')); }
		// A query runs as soon as it is typed or committed, with no pause for
		// the next keystroke: at most one runs at a time, and input that comes
		// while it runs makes it stale (seq) and queues one more run of the
		// box's latest value. What a stale run read stays cached, and the
		// shards of a word's start are mostly the shards of the word.
		var composing = false, running = false, again = false;
		function later() {
			form.dataset.state = 'busy';
			page = 1;
			seq++;
			if (running) { again = true; return; }
			running = true;
			run(false, true).then(function () {
				running = false;
				if (again) { again = false; later(); }
			});
		}
		// ready before the first keystroke: the engine and what a query of a name reads first (s.json),
		// also when the box was focused before this script ran
		function ready() { engine().then(function (ps) { return (idx = idx || new ps.Index(form.dataset)).loadMeta(); }).catch(function () {}); }
		input.addEventListener('focus', ready);
		if (document.activeElement === input) ready();
		input.addEventListener('compositionstart', function () { composing = true; again = false; });
		input.addEventListener('compositionend', function () { composing = false; later(); });
		input.addEventListener('input', function (ev) {
			if (composing || ev.isComposing) return;
			later();
		});
		input.addEventListener('keydown', function (ev) {
			if (composing || ev.isComposing) return;
			var ls = links();
			if (ev.key === 'ArrowDown' && ls.length && !list.hidden) { ev.preventDefault(); ls[0].focus(); }
			else if (ev.key === 'Escape' && !form.dataset.page) { list.hidden = true; }
		});
		list.addEventListener('keydown', function (ev) {
			var ls = links(), i = ls.indexOf(document.activeElement);
			if (i < 0) return;
			if (ev.key === 'ArrowDown') { ev.preventDefault(); (ls[i + 1] || ls[i]).focus(); }
			else if (ev.key === 'ArrowUp') { ev.preventDefault(); (i ? ls[i - 1] : input).focus(); }
			else if (ev.key === 'Escape') { ev.preventDefault(); input.focus(); }
		});
		form.addEventListener('submit', function (ev) {
			if (!form.dataset.page) return;
			ev.preventDefault();
			page = 1;
			history.replaceState(null, '', '?q=' + encodeURIComponent(input.value.trim()));
			again = false;
			run(true);
		});
		var q = params.get('q');
		if (q && form.dataset.page) {
			input.value = q;
			page = Math.max(1, parseInt(params.get('p'), 10) || 1);
			run(true);
		}
	}

	document.querySelectorAll('form[data-index]').forEach(attach);
})();
