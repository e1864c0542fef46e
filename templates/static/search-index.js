// search.js's static index reader; its Go twins in generator/search say how.
(function () {
	'use strict';

	var IDEO = /[\p{Ideographic}\p{Script=Hiragana}\p{Script=Katakana}]/u;
	var WORD = /[\p{L}\p{Nl}\p{Nd}_]/u;
	var DIGIT = /\p{Nd}/u;
	var EXTEND = /[\p{M}\p{Cf}]/u;
	var MARKS = /([\p{Ideographic}\p{Script=Hiragana}\p{Script=Katakana}])[\p{M}\p{Cf}]+|\p{Cf}/gu;
	var DOTS = /([\p{Ideographic}\p{Script=Hiragana}\p{Script=Katakana}])[\xb7\u2022\u2027\u30fb()\p{M}]+(?=[\p{Ideographic}\p{Script=Hiragana}\p{Script=Katakana}])/gu;
	var MID_LETTER = ':\u00b7\u0387\u05f4\u2027\ufe13\ufe55\uff1a';
	var MID_NUM = ',;\u037e\u0589\u060c\u060d\u066c\u07f8\u2044\ufe10\ufe14\ufe50\ufe54\uff0c\uff1b';
	var MID_NUM_LET = '.\'\u2018\u2019\u2024\ufe52\uff07\uff0e';

	function lower(s) {
		if (s.toLowerCase() === s) return s;
		var cs = Array.from(s);
		return cs.map((c, i) => c === '\u03a3' && i === cs.length - 1 ? '\u03c2' : String.fromCodePoint(c.toLowerCase().codePointAt(0))).join('');
	}
	function isLetter(c) { return c && WORD.test(c) && !IDEO.test(c) && !DIGIT.test(c); }
	function isDigit(c) { return c && DIGIT.test(c); }

	function words(s) {
		var cs = Array.from(s), out = [], i = 0, offs = [0];
		cs.forEach(c => { offs.push(offs[offs.length - 1] + c.length); });
		while (i < cs.length) {
			var c = cs[i];
			if (IDEO.test(c)) { out.push({ t: c, s: offs[i], e: offs[i + 1], ideo: true }); i++; continue; }
			if (!WORD.test(c)) { i++; continue; }
			var j = i + 1;
			for (;;) {
				var n = cs[j];
				if (n === undefined) break;
				if (EXTEND.test(n) || (WORD.test(n) && !IDEO.test(n))) { j++; continue; }
				var p = cs[j - 1], a = cs[j + 1];
				if ((MID_LETTER.includes(n) || MID_NUM_LET.includes(n)) && isLetter(p) && isLetter(a)) { j += 2; continue; }
				if ((MID_NUM.includes(n) || MID_NUM_LET.includes(n)) && isDigit(p) && isDigit(a)) { j += 2; continue; }
				break;
			}
			out.push({ t: cs.slice(i, j).join(''), s: offs[i], e: offs[j] });
			i = j;
		}
		return out;
	}

	var FOLD = null;
	function setMeta(m) { FOLD = m.f; ORG_FORMS = m.o; PLACES = m.p; }
	function fold(s) {
		if (!FOLD) return s;
		var out = '';
		for (var c of s) out += FOLD[c] || c;
		return out;
	}

	function nf(s) { return fold(String(s).normalize('NFKC')).replace(MARKS, '$1').replace(DOTS, '$1'); }
	function analyze(s) {
		var ws = words(nf(s)), out = [], prev = null;
		function uni(t) { out.push({ t: t.t, s: t.s, e: t.e, k: 1 }); }
		for (var i = 0; i < ws.length; i++) {
			var w = ws[i], t = lower(w.t);
			if (!w.ideo) {
				if (prev) uni(prev);
				prev = null;
				out.push({ t, s: w.s, e: w.e, k: 0 });
				continue;
			}
			var cur = { t, s: w.s, e: w.e };
			if (prev && prev.e !== cur.s) { uni(prev); prev = null; }
			if (prev) { uni(prev); out.push({ t: prev.t + cur.t, s: prev.s, e: cur.e, k: 2 }); }
			prev = cur;
		}
		if (prev) uni(prev);
		return out;
	}

	function terms(s, set) {
		var ts = analyze(s);
		for (var i = 0; i < ts.length; i++) set.add(ts[i].t);
		return set;
	}

	function queryTerms(q) {
		var ts = analyze(q);
		return [...new Set(ts.filter(u => u.k !== 1 || !ts.some(b => b.k === 2 && b.s <= u.s && u.e <= b.e)).map(u => u.t))];
	}

	function key(s) {
		return lower(nf(nf(s).replace(/[\s()[\]{}\-\u2010-\u2015\u3010-\u3017]+/g, ''))).normalize('NFKC');
	}

	function licenceKey(s) {
		s = String(s).normalize('NFKC');
		s = s.slice(s.lastIndexOf(':') + 1).replace(/[0-9]+|\P{L}|[第字号號]/gu, t => /\d/.test(t) ? t.replace(/^0+(?=.)/, '') + '~' : '');
		return /~/.test(s) ? '~l' + s : '';
	}

	function identifier(k) {
		return /^[0-9a-z-]{8,}$/.test(k) && k.replace(/[^0-9]/g, '').length >= 6;
	}
	function codes(q) { return nf(q).split(/[^\w\s\-\u2010-\u2015]+/).flatMap(r => [r, ...r.split(/\s+/)]).map(key).filter(identifier); }

	function hashes(t) {
		var b = new TextEncoder().encode(t), h = 0x811c9dc5, g = 0x050c5d1f;
		for (var i = 0; i < b.length; i++) { h = Math.imul(h ^ b[i], 0x01000193) >>> 0; g = Math.imul(g ^ b[i], 0x01000193); }
		return [h, (g | 1) >>> 0];
	}
	function shard(s, n) { return hashes(s)[0] % n; }
	function termClass(filters, t) {
		var c = 0, h = hashes(t);
		for (; c < filters.length; c++) {
			var f = filters[c], m = f.length * 8;
			for (var i = 0; i < 4; i++) {
				var b = ((h[0] + Math.imul(i, h[1])) >>> 0) % m;
				if (!(f[b >> 3] & (1 << (b & 7)))) return c;
			}
		}
		return c;
	}
	function planOrder(filters, ts) {
		return ts.map(t => [termClass(filters, t), hashes(t)[0], t])
			.sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(r => r[2]);
	}

	var ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
	function checkChar(f) {
		for (var s = 0, w = 1, i = 0; i < 17; i++, w = w * 3 % 31) s += ALPHABET.indexOf(f[i]) * w;
		return ALPHABET[(31 - s % 31) % 31];
	}
	function neighbours(k) {
		var e = '', o = '';
		for (var i = 0; i < 18; i += 2) { e += k[i]; o += k[i + 1]; }
		return ['~e' + e, '~o' + o];
	}
	function codeCheck(key) {
		if (!/^[0-9a-z]{17,18}$/.test(key) || key.replace(/[^0-9]/g, '').length < 8) return { p: '', f: '' };
		var k = key.toUpperCase(), f = k.replace(/O/g, '0').replace(/I/g, '1').replace(/Z/g, '2').replace(/S/g, '5');
		if (/V/.test(f)) return { p: 'v', f: '' };
		if (f.length === 17) return { p: '17', f: (f + checkChar(f)).toLowerCase() };
		var want = checkChar(f);
		if (f[17] !== want) return { p: 'check', w: want, f: (f.slice(0, 17) + want).toLowerCase(), n: neighbours(f = f.toLowerCase()), g: f };
		if (f !== k) return { p: 'ios', f: f.toLowerCase() };
		return { p: '', f: '' };
	}

	var ORG_FORMS = [], PLACES = [];
	var SPACE = /[\s\u0085]+/;
	function nearText(q) {
		var s = nf(q);
		ORG_FORMS.forEach(w => { s = s.split(w).join(' '); });
		return s.replace(/[省市区县\p{P}\p{S}]/gu, ' ');
	}
	function nkey(q) { return key(nearText(key(q))); }
	function nearParts(q, pl) {
		return nearText(q).split(SPACE).filter(Boolean).flatMap(s => { for (var ps = [], p; (p = pl.find(p => p.length < s.length && s.startsWith(p))); s = s.slice(p.length)) ps.push(p); return ps.concat(s); });
	}
	function ends(s, pl) { return pl.find(p => p.length < s.length && s.endsWith(p)); }
	function placeFirst(q, pl) { var s = nearText(q).split(SPACE).join(''), p = ends(s, pl); return p ? p + s.slice(0, -p.length) : ''; }
	function partsTerms(parts) { return [...new Set(parts.flatMap(p => queryTerms(p)))]; }
	function nearTerms(q, places) {
		var out = partsTerms(nearParts(q, places).flatMap(s => { var p = ends(s, places); return p ? [s.slice(0, -p.length), p] : [s]; })), orig = queryTerms(q);
		if (!out.length || out.join('\n') === orig.join('\n')) return null;
		return out;
	}
	function ndk(k) { var p = nearParts(k, PLACES); return p[2] ? p[0] + p.slice(2).join('') : k; }
	function sigs(nk) {
		var r = Array.from(nk), a = r.slice(0, 3).join(''), b = r[0] + r[1] + r[3];
		return r.length < NEAR1_MIN ? [] : a === b ? [a] : [a, b];
	}
	function oneEdit(a, b) {
		var x = Array.from(a), y = Array.from(b), i = 0;
		if (x.length > y.length) [x, y] = [y, x];
		function rest(p, q) { return x.slice(p).join('') === y.slice(q).join(''); }
		if (y.length - x.length > 1) return false;
		while (i < x.length && x[i] === y[i]) i++;
		if (x.length < y.length) return rest(i, i + 1);
		return i < x.length && (rest(i + 1, i + 1) || x[i] === y[i + 1] && x[i + 1] === y[i] && rest(i + 2, i + 2));
	}
	function forms(s) {
		function sq(x) { return Array.from(lower(x.split(SPACE).join(''))); }
		return [sq(nf(s)), sq(nearText(s))];
	}
	function common(a, b) {
		var row = Array(b.length + 1).fill(0);
		a.forEach(ra => { var d = 0; b.forEach((rb, j) => { var up = row[j + 1]; row[j + 1] = ra === rb ? d + 1 : Math.max(up, row[j]); d = up; }); });
		return row[b.length];
	}

	var TIER_EXACT = 0, TIER_EXACT_FORMER = 1, TIER_NAME = 2, TIER_FORMER = 3, TIER_ANY = 4, TIER_CODE_FIX = 5, TIER_NEAR = 6, TIER_NEAR1 = 7, TIER_EDIT = 8, NEAR1_MIN = 4, NEAR_VERIFY = 16;
	var RARE_DF = 4000, PLAN_TERMS = 3, DOC_TEXTS = 2, TOP_CHECKS = 16;
	function Reader(b) { this.b = b; this.i = 0; }
	Reader.prototype.uv = function () {
		var v = 0, m = 1, c;
		do {
			if (this.i >= this.b.length) throw new Error('search index: malformed');
			c = this.b[this.i++]; v += (c & 127) * m; m *= 128;
		} while (c & 128);
		return v;
	};
	var DEC = new TextDecoder();
	Reader.prototype.str = function () { var l = this.uv(), v = DEC.decode(this.b.subarray(this.i, this.i + l)); this.i += l; return v; };
	Reader.prototype.texts = function () {
		var nf = this.uv(), no = this.uv(), ss = [];
		for (var k = 0; k < 1 + nf + no; k++) ss.push(this.str());
		return [ss.slice(0, 1), ss.slice(1, 1 + nf), ss.slice(1 + nf)];
	};
	Reader.prototype.list = function (n) {
		var out = [], p = 0, end = this.uv() + this.i;
		for (var k = 0; k < n; k++) out.push(p += this.uv());
		this.i = end;
		return out;
	};

	function decodeLong(b) {
		var r = new Reader(b), out = [], p = 0;
		r.i = 1;
		if (b[0] === 0) { while (r.i < b.length) out.push(p += r.uv()); return out; }
		var first = r.uv();
		return bits(b.subarray(r.i)).map(k => first + k);
	}
	function bits(b) {
		for (var out = [], k = 0; k < b.length * 8; k++) if (b[k >> 3] & (1 << (k & 7))) out.push(k);
		return out;
	}

	function union(...ls) { return [...new Set(ls.flat())].sort(asc); }
	function asc(a, b) { return a - b; }
	function intersect(a, b) { var s = new Set(b); return a.filter(o => s.has(o)); }

	function Index(cfg) {
		this.dir = cfg.index; this.nt = +cfg.terms; this.nx = +cfg.exact;
		this.agencies = +cfg.agencies; this.block = +cfg.block; this.chunk = +cfg.chunk;
		this.cache = new Map(); this.texts = new Map(); this.cards = new Map(); this.records = new Map();
	}
	Index.prototype.loadMeta = async function () {
		if (this.meta) return;
		var m = await this.get('s.json', true);
		setMeta(m);
		this.places = m.p;
		this.filters = m.b.map(s => Uint8Array.from(atob(s), c => c.charCodeAt(0)));
		this.forms = m.v || [];
		this.meta = m;
	};
	Index.prototype.termEntry = async function (t) {
		var s = shard(t, this.nt), cards = this.cards, e = entry(await this.get('t/' + s + '.bin'), s, t, this.forms);
		if (!e) (this.no ||= new Set).add(t);
		else if (e.cards) e.cards.forEach((r, o) => { cards.set(o, r); });
		return e;
	};
	Index.prototype.get = function (name, json) {
		var c = this.cache, url = this.dir + name;
		if (!c.has(url)) {
			c.set(url, fetch(url).then(r => {
				if (!r.ok) throw new Error(url + ': ' + r.status);
				return json ? r.json() : r.arrayBuffer().then(b => new Uint8Array(b));
			}));
			c.get(url).catch(() => { c.delete(url); });
		}
		return c.get(url);
	};
	Index.prototype.record = async function (o) {
		var recs = this.records;
		if (this.cards.has(o)) return this.cards.get(o);
		if (recs.has(o)) return recs.get(o);
		var c = Math.floor(o / this.chunk), b = await this.get('r/' + c + '.bin');
		var forms = this.meta ? this.forms : await this.get('v.json', true);
		if (!recs.has(o)) {
			for (var r = new Reader(b), i = c * this.chunk; r.i < b.length; i++) {
				if (i >= this.agencies) recs.set(i, put(put(put({ n: r.str() }, 'u', r.str()), 't', r.str()), 'd', r.str()));
				else recs.set(i, card(r, r.texts(), forms));
			}
		}
		return recs.get(o);
	};

	function put(o, k, v) { if (v) o[k] = v; return o; }
	function card(r, tx, forms) {
		function day(n) { return String(n).padStart(8, '0').replace(/(....)(..)/, '$1-$2-'); }
		function verdict(into) {
			var f = forms[r.uv()];
			if (!f) throw new Error('search index: malformed');
			function fill(parts) { return parts.map((p, i) => (i ? day(r.uv()) : '') + p).join(''); }
			put(into, 'k', f[0]); put(into, 'i', f[1]); put(into, 'g', fill(f[2])); put(into, 'v', fill(f[3]));
			return into;
		}
		var rec = { n: tx[0][0] }, other = tx[2], first = 0;
		put(rec, 'c', r.str()); put(rec, 'l', r.str());
		var fl = r.uv();
		if (fl & 8 && other.length) { rec.r = other[0]; first = 1; }
		put(rec, 's', other.length > first ? other[other.length - 1] : '');
		verdict(rec);
		var until = r.uv();
		if (until) rec.w = day(until);
		if (fl & 4) for (var n = r.uv(), later = rec.x = []; n > 0; n--) {
			var v = verdict({}), w = r.uv();
			if (w) v.w = day(w);
			later.push(v);
		}
		put(rec, 'm', fl & 1 && true); put(rec, 'a', fl & 2 && true);
		if (tx[1].length) rec.f = tx[1];
		return rec;
	}

	function entry(b, s, term, forms) {
		var r = new Reader(b);
		while (r.i < b.length) {
			var t = r.str(), e = { docs: [], n: [], ag: [[], [], []], whole: true }, f;
			for (f = 0; f < 3; f++) { var nd = r.uv(); e.docs.push(nd ? r.list(nd) : []); }
			for (f = 0; f < 3; f++) e.n.push(r.uv());
			e.df = e.n[0] + e.n[1] + e.n[2];
			var mode = r.uv();
			if (mode === 1) {
				var l = r.uv();
				addLists(e, b.subarray(r.i, r.i + l));
				r.i += l;
			} else if (mode) {
				var m = r.uv();
				e.whole = false; e.file = 'p/' + s + '-' + (mode - 2); e.loaded = {};
				e.blocks = m ? Array.from(b.subarray(r.i, r.i + m)) : null;
				r.i += m;
			} else {
				for (f = 0; f < 3; f++) if (e.n[f]) e.ag[f] = r.list(e.n[f]);
				e.texts = new Map(); e.cards = new Map();
				union(...e.ag).forEach(o => {
					var tx = r.texts();
					e.texts.set(o, tx);
					e.cards.set(o, card(r, tx, forms));
				});
			}
			if (t === term) return e;
		}
		return null;
	}

	function addLists(e, data) {
		var r = new Reader(data);
		for (var f = 0; f < 3; f++) {
			var l = r.uv();
			if (l) { e.ag[f] = union(e.ag[f], decodeLong(data.subarray(r.i, r.i + l))); r.i += l; }
		}
	}

	function blocksOfEntry(e) { return e.blocks ? bits(e.blocks) : [0]; }

	Index.prototype.ensure = function (e, b) {
		if (e.whole) return Promise.resolve();
		var name = e.file + '.bin';
		if (e.blocks && b >= 0) {
			if (b >> 3 >= e.blocks.length || !(e.blocks[b >> 3] & (1 << (b & 7))) || e.loaded[b]) return Promise.resolve();
			e.loaded[b] = true;
			name = e.file + '.' + b + '.bin';
		}
		return this.get(name).then(data => {
			addLists(e, data);
			if (!e.blocks || b < 0 || Object.keys(e.loaded).length === blocksOfEntry(e).length) e.whole = true;
		});
	};

	function sameTerms(a, b) { return a.length === b.length && a.every(t => b.includes(t)); }

	Index.prototype.search = async function (q, n, near, but) {
		if (/[^\x00-\x7f]/.test(q)) await this.loadMeta();
		var self = this, k = key(q), hits = [], seen = new Set(), cr;
		function add(o, t) { if (!seen.has(o)) { seen.add(o); hits.push({ o, tier: t }); } }
		if (!k) return { hits: [], total: 0 };
		var ts = queryTerms(q), ident = identifier(k);
		if (!ident && ts.length) await this.loadMeta();
		var keyed = !ident && ts.length && ts.every(t => termClass(self.filters, t) > 0);
		function prefetch() {
			var first = planOrder(self.filters, ts);
			first.slice(0, termClass(self.filters, first[0]) ? PLAN_TERMS : 1).forEach(t => { self.get('t/' + shard(t, self.nt) + '.bin'); });
		}
		if (!ident && !keyed && ts.length) prefetch();
		function xs(k, at) { return self.get('x/' + shard(at || identifier(k) ? k : ndk(nkey(k)) || k, self.nx) + '.json', true); }
		var x = await xs(k);
		x.e[k]?.forEach(o => add(o, TIER_EXACT));
		x.f[k]?.forEach(o => add(o, TIER_EXACT_FORMER));
		var exact = hits.length, lk = key(licenceKey(q));
		if (!exact && lk && lk != k) { (await xs(lk)).e[lk]?.forEach(o => add(o, TIER_EXACT)); exact = hits.length; }
		function done(total) { return { hits: hits.slice(0, n), total }; }
		if (!exact) for (var c of codes(q)) if (c != k && ((c = await this.search(c, n)).hits.length || (cr ||= c.code?.p && c, 0))) return c;
		var a = x.a?.[k];
		if (keyed && a && sameTerms(ts, queryTerms(k))) {
			var kept = (a.length - 1) / 2;
			// a near tier follows a short answer with no exact hit
			if ((exact || a[0] >= (near || n) || a[0] && !nearTerms(q, this.places)) && (a[0] <= exact + kept || n <= exact + kept)) {
				for (var i = 1; i < a.length; i += 2) add(a[i], a[i + 1]);
				return done(a[0]);
			}
		}
		if (keyed) prefetch();
		if (ident || !ts.length) {
			var cc = codeCheck(k);
			if (cc.p && !hits.length && cc.f) (await xs(cc.f)).e[cc.f]?.forEach(o => add(o, TIER_CODE_FIX));
			if (cc.p && !hits.length && cc.n) {
				for (var nk of cc.n) (await xs(nk, 1)).n[nk]?.forEach(o => add(o, TIER_CODE_FIX));
				var rs = await Promise.all(hits.map(h => this.record(h.o)));
				hits = hits.filter((_, j) => [...rs[j].c.toLowerCase()].filter((c, i) => c != cc.g[i]).length < 2);
			}
			var res = done(hits.length);
			res.code = cc;
			return res;
		}
		var m = await this.match(ts, n, seen), total = exact;
		m.rest.forEach(h => { if (!seen.has(h.o)) total++; add(h.o, h.tier); });
		if (!m.complete) total = -1;
		var nts = null, places;
		async function tier(t, lists) {
			var best = new Map();
			for (var l of lists) {
				var m = await self.match(l, Math.max(n, NEAR_VERIFY), seen);
				if (!m.complete) total = -1;
				m.rest.forEach(h => { if (h.tier < TIER_ANY && !seen.has(h.o)) best.set(h.o, Math.min(best.get(h.o) || 1e10, h.tier * 1e9 + h.o)); });
			}
			(await self.closest(q, [...best.values()].sort(asc).map(k => k % 1e9))).forEach(o => { if (total >= 0) total++; add(o, t); });
		}
		if (total >= 0 && total < (near || n) && !exact) {
			var c = nf(q).split(SPACE).join(' '), p = this.meta.r.find(p => c.startsWith(p)), s = p && c.slice(p.length).replace(/^[省市 ]+/, '');
			if ((places = this.places).some(p => s?.startsWith(p))) q = s;
			nts = nearTerms(q, places);
			var nk = nkey(q), found = hits.length;
			if (nts && nk && nk !== k) {
				var kx = await xs(ndk(nk), 1);
				(await self.closest(q, (kx.k[nk] || []).concat(kx.kf[nk] || []).filter((o, i, a) => !seen.has(o) && a.indexOf(o) === i))).forEach(o => add(o, TIER_NEAR));
				total += hits.length - found;
			}
			if (hits.length === found && (!total || nts)) {
				var one = [];
				for (var g of sigs(ndk(nk))) { var b = (await xs(g, 1)).s?.[g] || [[]]; b[0].forEach((o, i) => { if (!seen.has(o) && !one.includes(o) && oneEdit(nk, b[1][i])) one.push(o); }); }
				(await self.closest(q, one.sort(asc))).forEach(o => { total++; add(o, TIER_EDIT); });
			}
			if (nts && hits.length === found) await tier(TIER_NEAR, [nts]);
			else if (!nts) nts = ts;
		}
		if (!but && total === 0 && nts?.length >= NEAR1_MIN) await tier(TIER_NEAR1, nts.map((_, i) => nts.slice(0, i).concat(nts.slice(i + 1))));
		return !total && cr || done(total);
	};

	Index.prototype.names = function (o) {
		var tx = this.texts.get(o);
		return tx ? { n: tx[0][0], f: tx[1] } : this.record(o);
	};
	Index.prototype.closest = async function (q, os) {
		var self = this, qfs = [q, placeFirst(q, PLACES)].filter(Boolean).map(forms), kept = [];
		os = os.slice(0, NEAR_VERIFY);
		(await Promise.all(os.map(o => self.names(o)))).forEach((rec, j) => {
			var best = Math.min(...[rec.n].concat(rec.f || []).flatMap((n, i) => qfs.map(qf => {
				var nf = forms(n), raw = common(qf[0], nf[0]);
				return (Math.min(qf[0].length - raw, qf[1].length - common(qf[1], nf[1])) * 1e6 + qf[0].length + nf[0].length - 2 * raw) * 2 + Math.min(i, 1);
			})));
			if (best < 4e6) kept.push([best, os[j]]);
		});
		return kept.sort((a, b) => a[0] - b[0]).map(k => k[1]);
	};

	function tierOfTerms(ts, inField) {
		function all(f) { return ts.every((_, i) => inField(f, i)); }
		if (all(0)) return TIER_NAME;
		if (all(1)) return TIER_FORMER;
		return ts.every((_, i) => inField(0, i) || inField(1, i) || inField(2, i)) ? TIER_ANY : -1;
	}
	function termSets(tx) {
		return tx.s ||= tx.map(ss => ss.reduce((set, s) => terms(s || '', set), new Set()));
	}

	// match: plan.go (twin: reader_test.go)
	Index.prototype.match = async function (ts, n, seen) {
		var self = this, order = planOrder(this.filters || [], ts), tx = this.texts, got = new Map(), cand = null, docs = null;
		var skipped = false, scan = false, complete = true, read = 0, rest = [], i;
		function blocksOf() { return Array.from(new Set(cand.map(o => Math.floor(o / self.block)))); }
		function checks() { return new Set(cand.filter(o => !tx.has(o)).map(o => Math.floor(o / self.chunk))).size; }
		async function take(ts) {
			return (await Promise.all(ts.map(async t => {
				var e = got.get(t) || await self.termEntry(t);
				if (!e) return true;
				got.set(t, e);
				var u = union(...e.docs);
				docs = docs ? intersect(docs, u) : u;
			}))).some(Boolean);
		}
		async function apply(e, blocks) {
			if (!e.whole && cand && (blocks = e.blocks ? blocksOf() : [0]).length >= checks()) return skipped = true;
			if (e.blocks && blocks.filter(b => e.blocks[b >> 3] & (1 << (b & 7)) && !e.loaded[b]).length > 1) blocks = [-1];
			await Promise.all(blocks.map(b => self.ensure(e, b)));
			if (e.texts) e.texts.forEach((v, o) => { tx.set(o, v); });
			var u = union(...e.ag);
			cand = cand ? intersect(cand, u) : u;
		}
		function push(o, field, sets) {
			var t = tierOfTerms(ts, field ? (f, i) => got.get(ts[i])[field][f].includes(o) : (f, i) => sets[f].has(ts[i]));
			if (t >= 0) rest.push({ o, tier: t });
			return t;
		}
		if (ts.some(t => this.no?.has(t))) return { rest, complete: true };
		var first = order.slice(0, PLAN_TERMS);
		if (!termClass(this.filters || [], order[0])) {
			if (await take(order.slice(0, 1))) return { rest, complete: true };
			if (!docs.length) first = order.slice(0, 1);
		}
		if (await take(first)) return { rest, complete: true };
		var es = first.map(t => got.get(t)).sort((a, b) => b.whole - a.whole || a.df - b.df);
		for (var e of es) {
			if (!cand && e.blocks && e.df > RARE_DF) { scan = true; break; }
			await apply(e, blocksOfEntry(e));
		}
		for (read = first.length; !scan && read < order.length; read++) {
			var t = order[read], c = termClass(this.filters || [], t), top = c && c === this.filters.length && checks() <= TOP_CHECKS;
			if (docs.length <= DOC_TEXTS && (top || 1 + (c && blocksOf().length) >= checks())) break;
			if (await take([t])) return { rest, complete: true };
			if (top) skipped = true;
			else await apply(got.get(t), []);
		}
		skipped = skipped || read < order.length;
		var docTexts = !scan && skipped && docs.length <= DOC_TEXTS ? docs : [];
		if ((scan || docs.length && !docTexts.length) && await take(order)) return { rest: [], complete: true };
		if (scan) {
			var long = ts.map(t => got.get(t)).sort((a, b) => a.df - b.df), names = 0, nb = Math.ceil(this.agencies / this.block);
			for (var b = 0; b < nb; b++) {
				var lo = b * this.block, hi = lo + this.block, c = null;
				await Promise.all(long.map(e => self.ensure(e, b)));
				for (i = 0; i < long.length && (!c || c.length); i++) {
					var u = union(...long[i].ag.map(l => l.filter(o => o >= lo && o < hi)));
					c = c ? intersect(c, u) : u;
				}
				c.forEach(o => { if (push(o, 'ag') === TIER_NAME && !seen.has(o)) names++; });
				if (names >= n && b < nb - 1) { complete = false; break; }
			}
		} else {
			await Promise.all(cand.concat(docTexts).map(async o => {
				if (!skipped || tx.has(o)) return;
				var r = o < self.agencies ? await self.record(o) : await self.get('d/' + o + '.json', true);
				tx.set(o, [[r.n], r.f || [], o < self.agencies ? [r.r, r.s] : r.o || []]);
			}));
			cand.concat(docTexts).forEach(o => { if (skipped) push(o, '', termSets(tx.get(o))); else push(o, 'ag'); });
		}
		docs.forEach(o => { if (!docTexts.includes(o)) push(o, 'docs'); });
		rest.sort((a, b) => a.tier - b.tier || a.o - b.o);
		return { rest, complete };
	};

	window.portalSearch = { setMeta, analyze, codeCheck, licenceKey, nearTerms, placeFirst, sigs, ndk, nearKey: nkey, codes, queryTerms, key, identifier, shard, Index,
		Tier: { exactFormer: TIER_EXACT_FORMER, former: TIER_FORMER, codeFix: TIER_CODE_FIX, near: TIER_NEAR } };
})();
