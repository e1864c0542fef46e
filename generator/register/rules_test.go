package register

import (
	"cmp"
	"slices"
	"strings"
	"testing"

	"portal/generator/model"
)

const codeC = "91440106MA5C00030Y" // a third agency (the check character does not matter here)

func period(from, to model.Date) func(*model.Decision) {
	return func(d *model.Decision) { d.ValidFrom, d.ValidTo = from, to }
}
func note(doc, n string) func(*model.Decision) {
	return func(d *model.Decision) { d.DocNo, d.Note = doc, n }
}
func changes(c string) func(*model.Decision) { return func(d *model.Decision) { d.Changes = c } }

// The rules of DESIGN §5 and issue 13 as a table: a decision sequence, and
// what the verdict as of 2026-11-21 must be for the last agency named.
// README's "How a verdict is reached" table follows this one.
func TestVerdictRules(t *testing.T) {
	for _, tc := range []struct {
		name     string
		decs     []*model.Decision
		code     string // whose verdict; default the first row's
		status   model.Status
		class    string
		headline string // substring
		detail   string // substring of the verdict's detail, when set
		diags    []string
		not      string // a substring no diagnostic may hold
		licence  string // the licence number shown, when set
		former   string // the former licence numbers, joined by "，", when licence is set
	}{
		{name: "新许可 in force → 有效 until the end of its period",
			decs:   []*model.Decision{dec(2, codeA, model.NewLicence, 20250101)},
			status: model.StatusValid, class: "ok", headline: "许可有效（有效期至 2027-12-31）"},
		{name: "past 有效期至 with no 延续 → 已过期",
			decs:   []*model.Decision{dec(2, codeA, model.NewLicence, 20200101)},
			status: model.StatusExpired, class: "warn", headline: "许可已过期（2022-12-31 到期，未延续）"},
		{name: "延续 decided early, its period starting after the old one ends → 有效 without a gap",
			decs: []*model.Decision{dec(2, codeA, model.NewLicence, 20231201),
				dec(3, codeA, model.Renewal, 20261001, period(20261201, 20291130))},
			status: model.StatusValid, class: "ok", headline: "有效期至 2029-11-30"},
		{name: "a 新许可 whose period has not begun → 未生效, not ok",
			decs:   []*model.Decision{dec(2, codeA, model.NewLicence, 20261101, period(20261201, 20291130))},
			status: model.StatusPending, class: "warn", headline: "许可尚未生效（自 2026-12-01 起有效）"},
		{name: "吊销 → 已吊销 with its decision number and reason",
			decs:   []*model.Decision{dec(2, codeA, model.NewLicence, 20250101), dec(3, codeA, model.Withdrawal, 20250301, note("粤人社罚〔2025〕3号", "违法转派"))},
			status: model.StatusWithdrawn, class: "bad", headline: "许可已吊销（2025-03-01）"},
		{name: "撤销 → 已撤销", decs: []*model.Decision{dec(2, codeA, model.NewLicence, 20250101), dec(3, codeA, model.Revocation, 20250301)},
			status: model.StatusRevoked, class: "bad", headline: "许可已撤销（2025-03-01）"},
		{name: "注销 after expiry → 已注销", decs: []*model.Decision{dec(2, codeA, model.NewLicence, 20200101), dec(3, codeA, model.Cancellation, 20230301)},
			status: model.StatusCancelled, class: "bad", headline: "许可已注销（2023-03-01）"},
		{name: "新许可 after 吊销 → 有效 again",
			decs:   []*model.Decision{dec(2, codeA, model.NewLicence, 20200101), dec(3, codeA, model.Withdrawal, 20210301), dec(4, codeA, model.NewLicence, 20250101, licence("L2"))},
			status: model.StatusValid, class: "ok", headline: "有效期至 2027-12-31"},
		{name: "same-day 注销 of the old licence and 新许可 of a new one, rows in either order → 有效",
			decs:   []*model.Decision{dec(2, codeA, model.NewLicence, 20200101), dec(3, codeA, model.NewLicence, 20260101, licence("L2")), dec(4, codeA, model.Cancellation, 20260101)},
			status: model.StatusValid, class: "ok", headline: "有效期至 2028-12-31",
			diags: nil},
		{name: "a licence granted and withdrawn the same day → error, and never shown ok",
			decs:   []*model.Decision{dec(2, codeA, model.Withdrawal, 20260101), dec(3, codeA, model.NewLicence, 20260101)},
			status: model.StatusWithdrawn, class: "bad",
			diags: []string{"licences.csv:2: 公示类型 \"吊销\": a 吊销 (licence L1) on the same day as the 新许可 at licences.csv:3 (licence L1), and the licence numbers do not tell which came first"}},
		{name: "same-day 新许可 and 吊销 when the numbers cannot tell → error",
			decs:   []*model.Decision{dec(2, codeA, model.NewLicence, 20200101), dec(3, codeA, model.Withdrawal, 20260101), dec(4, codeA, model.NewLicence, 20260101)},
			status: model.StatusWithdrawn, class: "bad",
			diags: []string{"licences.csv:3: 公示类型 \"吊销\": a 吊销 (licence L1) on the same day as the 新许可 at licences.csv:4 (licence L1), and the licence numbers do not tell which came first"}},
		{name: "two decisions ending the licence on one day → error",
			decs:   []*model.Decision{dec(2, codeA, model.NewLicence, 20200101), dec(3, codeA, model.Withdrawal, 20220101), dec(4, codeA, model.Cancellation, 20220101)},
			status: model.StatusWithdrawn, class: "bad",
			diags: []string{"licences.csv:4: 公示类型 \"注销\": a second decision ending the licence on 2022-01-01 (吊销 at licences.csv:3)"}},
		{name: "one 注销 in two rows alike (overlapping exports) → published once, with a warning",
			decs:   []*model.Decision{dec(2, codeA, model.NewLicence, 20200101), dec(3, codeA, model.Cancellation, 20220101), dec(4, codeA, model.Cancellation, 20220101)},
			status: model.StatusCancelled, class: "bad",
			diags: []string{`licences.csv:4: warning: 公示类型 "注销": the same row as licences.csv:3, every field alike (exports that overlap list the decisions they share in both): the decision is published once`}, not: "a second decision ending"},
		{name: "one 注销 in two rows that differ in a remark → error saying it is listed twice",
			decs:   []*model.Decision{dec(2, codeA, model.NewLicence, 20200101), dec(3, codeA, model.Cancellation, 20220101, note("", "申请注销")), dec(4, codeA, model.Cancellation, 20220101, note("", "依申请注销"))},
			status: model.StatusCancelled, class: "bad",
			diags: []string{"licences.csv:4: 公示类型 \"注销\": the same 注销 as licences.csv:3, listed twice"}},
		{name: "a 吊销 on a code with no licence → error naming the agency with that name",
			decs:   []*model.Decision{dec(2, codeA, model.NewLicence, 20250101), dec(3, codeB, model.Withdrawal, 20250601, named("甲公司"), licence("X9"))},
			code:   codeA,
			status: model.StatusValid, class: "ok",
			diags: []string{"licences.csv:3: 公示类型 \"吊销\": a 吊销 for a code with no 新许可 or 备案 in the data", "did you mean 91440106MA5C00010W (甲公司)?"}},
		{name: "a 撤销 whose code has two characters swapped → error naming the real agency",
			decs:   []*model.Decision{dec(2, codeA, model.NewLicence, 20250101, named("乙公司"), licence("L7")), dec(3, "91440106MA5C0001W0", model.Revocation, 20250601, named("乙丙公司"), licence("L8"))},
			code:   codeA,
			status: model.StatusValid, class: "ok",
			diags: []string{"licences.csv:3: 公示类型 \"撤销\": a 撤销 for a code with no 新许可 or 备案", "did you mean 91440106MA5C00010W (乙公司)?"}},
		{name: "a 备案 on a code with its own licence → error naming both rows",
			decs:   []*model.Decision{dec(2, codeA, model.NewLicence, 20250101), dec(3, codeC, model.NewLicence, 20240101, licence("L3")), dec(4, codeA, model.Filing, 20250601, parent(codeC))},
			status: model.StatusValid, class: "ok",
			diags: []string{"licences.csv:4: 公示类型 \"备案\": this code has a licence of its own (新许可 at licences.csv:2) and is filed as a branch (备案 at licences.csv:4)"}},
		{name: "a 新许可 naming its head office as 上级单位 under that head office's licence number → error: as a grant it would outlive the head office's licence",
			decs: []*model.Decision{dec(2, codeA, model.NewLicence, 20240101), dec(3, codeB, model.NewLicence, 20240201, parent(codeA)),
				dec(4, codeA, model.Withdrawal, 20250301)},
			code:   codeB,
			status: model.StatusValid, class: "ok",
			diags: []string{`licences.csv:3: 公示类型 "新许可": this 新许可 names 91440106MA5C00010W (甲公司) as its head office (上级单位统一社会信用代码), and its 许可证编号 L1 is the licence of 91440106MA5C00010W (新许可 at licences.csv:2): a branch works under its head office's licence and holds none of its own`},
			not:   "the same licence number is held by"},
		{name: "a 新许可 naming a branch as 上级单位 under the licence number of the head office above it → error",
			decs: []*model.Decision{dec(2, codeA, model.NewLicence, 20240101), dec(3, codeC, model.Filing, 20240201, parent(codeA)),
				dec(4, codeB, model.NewLicence, 20240301, parent(codeC))},
			code:   codeB,
			status: model.StatusValid, class: "ok",
			diags: []string{`licences.csv:4: 公示类型 "新许可": this 新许可 names 91440106MA5C00030Y (甲公司) as its head office (上级单位统一社会信用代码), and its 许可证编号 L1 is the licence of 91440106MA5C00010W (新许可 at licences.csv:2)`},
			not:   "the same licence number is held by"},
		{name: "a 延续 of a branch's own grant under its head office's licence number → an error at each",
			decs: []*model.Decision{dec(2, codeA, model.NewLicence, 20240101), dec(3, codeB, model.NewLicence, 20240201, parent(codeA)),
				dec(4, codeB, model.Renewal, 20261001, parent(codeA))},
			code:   codeB,
			status: model.StatusValid, class: "ok",
			diags: []string{`licences.csv:3: 公示类型 "新许可": this 新许可 names 91440106MA5C00010W`, `licences.csv:4: 公示类型 "延续": this 延续 names 91440106MA5C00010W`},
			not:   "the same licence number is held by"},
		{name: "… and so when the branch's row spells the head office's number another way (第, 号, brackets, padding zeros)",
			decs: []*model.Decision{dec(2, codeA, model.NewLicence, 20240101, licence("粤人社派许字〔2024〕第0015号")),
				dec(3, codeB, model.NewLicence, 20240201, parent(codeA), licence("粤人社派许字(2024) 15")),
				dec(4, codeA, model.Withdrawal, 20250301, licence("粤人社派许字〔2024〕第0015号"))},
			code:   codeB,
			status: model.StatusValid, class: "ok",
			diags: []string{`licences.csv:3: 公示类型 "新许可": this 新许可 names 91440106MA5C00010W (甲公司) as its head office (上级单位统一社会信用代码), and its 许可证编号 粤人社派许字(2024) 15 is the licence of 91440106MA5C00010W (新许可 at licences.csv:2)`},
			not:   "the same licence number is held by"},
		{name: "a 注销 of the old certificate, its number spelt another way, ends the old licence only → 有效",
			decs: []*model.Decision{dec(2, codeA, model.NewLicence, 20200101, licence("粤人社派许字〔2020〕第0007号")),
				dec(3, codeA, model.NewLicence, 20230601, licence("粤人社派许字〔2023〕第0021号"), period(20230601, 20290531)),
				dec(4, codeA, model.Cancellation, 20240301, licence("粤人社派许字〔2020〕7号"))},
			status: model.StatusValid, class: "ok", headline: "许可有效（有效期至 2029-05-31）",
			diags:   []string{"licences.csv:4: warning: 许可证编号 \"粤人社派许字〔2020〕7号\": this 注销 names licence 粤人社派许字〔2020〕7号, which a later 新许可 replaced"},
			licence: "粤人社派许字〔2023〕第0021号", former: "粤人社派许字〔2020〕第0007号"},
		{name: "a 延续 and a 吊销 that spell the agency's number another way → one licence, 已吊销, no diagnostic",
			decs: []*model.Decision{dec(2, codeA, model.NewLicence, 20230101, licence("440106202300015")),
				dec(3, codeA, model.Renewal, 20251101, licence("4401 0620 2300 015"), period(20260101, 20281231)),
				dec(4, codeA, model.Withdrawal, 20260301, licence("第440106202300015号"))},
			status: model.StatusWithdrawn, class: "bad", headline: "许可已吊销（2026-03-01）",
			licence: "第440106202300015号"},
		{name: "a 吊销 that writes the number with a label (No., 许可证编号) ends that licence → 已吊销",
			decs: []*model.Decision{dec(2, codeA, model.NewLicence, 20230101, licence("440106202300015")),
				dec(3, codeA, model.Withdrawal, 20260301, licence("No.440106202300015"))},
			status: model.StatusWithdrawn, class: "bad", headline: "许可已吊销（2026-03-01）"},
		{name: "… and a branch's 新许可 under its head office's number with a label is an error",
			decs: []*model.Decision{dec(2, codeA, model.NewLicence, 20240101, licence("粤人社派许字〔2024〕第0015号")),
				dec(3, codeB, model.NewLicence, 20240201, parent(codeA), licence("许可证编号粤人社派许字〔2024〕第0015号"))},
			code:   codeB,
			status: model.StatusValid, class: "ok",
			diags: []string{`licences.csv:3: 公示类型 "新许可": this 新许可 names 91440106MA5C00010W (甲公司) as its head office`},
			not:   "the same licence number is held by"},
		{name: "a 新许可 naming a 上级单位 with a licence number of its own → its own licence, no diagnostic",
			decs:   []*model.Decision{dec(2, codeA, model.NewLicence, 20250101), dec(3, codeB, model.NewLicence, 20250201, licence("L2"), parent(codeA))},
			code:   codeB,
			status: model.StatusValid, class: "ok", headline: "许可有效"},
		{name: "a branch of a head office in force → 已备案, ok, with the head office's end date",
			decs:   []*model.Decision{dec(2, codeA, model.NewLicence, 20250101), dec(3, codeB, model.Filing, 20250201, parent(codeA))},
			code:   codeB,
			status: model.StatusFiled, class: "ok", headline: "已备案（总公司许可有效至 2027-12-31）"},
		{name: "a branch of a head office whose licence was withdrawn → not ok, and why",
			decs:   []*model.Decision{dec(2, codeA, model.NewLicence, 20230101), dec(3, codeB, model.Filing, 20230201, parent(codeA)), dec(4, codeA, model.Withdrawal, 20250301)},
			code:   codeB,
			status: model.StatusFiled, class: "bad", headline: "已备案，但总公司许可已吊销（2025-03-01）"},
		{name: "a branch of a head office whose licence expired → not ok",
			decs:   []*model.Decision{dec(2, codeA, model.NewLicence, 20200101), dec(3, codeB, model.Filing, 20200201, parent(codeA))},
			code:   codeB,
			status: model.StatusFiled, class: "bad", headline: "已备案，但总公司许可已过期（2022-12-31 到期）"},
		{name: "a branch of a head office outside this register → neutral, never ok, and a warning naming it",
			decs:   []*model.Decision{dec(2, codeB, model.Filing, 20250201, parent(codeC))},
			status: model.StatusFiled, class: "neutral", headline: "请向发证机关核实",
			diags: []string{"licences.csv:2: warning: 上级单位统一社会信用代码 \"91440106MA5C00030Y\": the head office is not in this register"}},
		{name: "a branch naming a head office outside this register while carrying the licence number of one in it, since revoked → error naming it",
			decs: []*model.Decision{dec(2, codeA, model.NewLicence, 20230101), dec(3, codeA, model.Withdrawal, 20250301),
				dec(4, codeB, model.Filing, 20250401, parent(codeC))}, // codeB carries codeA's licence number
			code:   codeB,
			status: model.StatusFiled, class: "neutral",
			diags: []string{`licences.csv:4: 上级单位统一社会信用代码 "91440106MA5C00030Y": the head office is not in this register, but the branch's row points at 91440106MA5C00010W (甲公司), which is: published so, the branch would send readers to another authority while that agency is 已吊销 here`}},
		{name: "a branch naming a head office by a code one character from one in this register, failing its check → error naming it",
			decs: []*model.Decision{dec(2, codeA, model.NewLicence, 20230101), dec(3, codeA, model.Withdrawal, 20250301),
				dec(4, codeB, model.Filing, 20250401, parent("91440106MA5C0001W0"), licence("外省L9"))},
			code:   codeB,
			status: model.StatusFiled, class: "neutral",
			diags: []string{`licences.csv:4: 上级单位统一社会信用代码 "91440106MA5C0001W0": the head office is not in this register, but the branch's row points at 91440106MA5C00010W`}},
		{name: "a branch naming a licensed head office in this register while carrying another agency's licence number, since revoked → error naming both",
			decs: []*model.Decision{dec(2, codeA, model.NewLicence, 20230101), dec(3, codeA, model.Withdrawal, 20250301),
				dec(4, codeC, model.NewLicence, 20240101, licence("L3"), named("丙公司")),
				dec(5, codeB, model.Filing, 20250401, parent(codeC))}, // codeB carries codeA's licence number
			code:   codeB,
			status: model.StatusFiled, class: "ok",
			diags: []string{`licences.csv:5: 许可证编号 "L1": this licence number was granted to 91440106MA5C00010W (甲公司), which is 已吊销 here, but the branch names 91440106MA5C00030Y (丙公司) as its head office, which is 有效`}},
		{name: "a branch carrying its head office's licence number, which another agency holds too → only the shared number is warned of",
			decs: []*model.Decision{dec(2, codeA, model.NewLicence, 20250101), dec(3, codeC, model.NewLicence, 20240101, named("丙公司")),
				dec(4, codeB, model.Filing, 20250401, parent(codeA))}, // all three carry L1
			code:   codeB,
			status: model.StatusFiled, class: "ok",
			diags: []string{`warning: 许可证编号 "L1"`}, not: "was granted to"},
		{name: "注销 of an earlier licence after a 新许可 replaced it → the new licence stays in force, with a warning",
			decs: []*model.Decision{dec(2, codeA, model.NewLicence, 20200101, licence("L0")), dec(3, codeA, model.NewLicence, 20250101, licence("L1")),
				dec(4, codeA, model.Cancellation, 20250301, licence("L0"))},
			status: model.StatusValid, class: "ok", headline: "许可有效（有效期至 2027-12-31）", licence: "L1", former: "L0",
			diags: []string{`licences.csv:4: warning: 许可证编号 "L0": this 注销 names licence L0, which a later 新许可 replaced with L1: it is read as ending L0 only`}},
		{name: "吊销 naming an earlier licence after a 新许可 replaced it → error, and read as ending the licence in force",
			decs: []*model.Decision{dec(2, codeA, model.NewLicence, 20200101, licence("L0")), dec(3, codeA, model.NewLicence, 20250101, licence("L1")),
				dec(4, codeA, model.Withdrawal, 20250301, licence("L0"))},
			status: model.StatusWithdrawn, class: "bad", headline: "许可已吊销（2025-03-01）",
			diags: []string{`licences.csv:4: 许可证编号 "L0": this 吊销 names licence L0, which a later 新许可 replaced with L1`}},
		{name: "变更 naming an earlier licence's number → the licence in force keeps its number, with a warning",
			decs: []*model.Decision{dec(2, codeA, model.NewLicence, 20200101, licence("L0")), dec(3, codeA, model.NewLicence, 20250101, licence("L1")),
				dec(4, codeA, model.Change, 20250301, licence("L0"), changes("住所：甲→乙"))},
			status: model.StatusValid, class: "ok", licence: "L1", former: "L0",
			diags: []string{`licences.csv:4: warning: 许可证编号 "L0": this 变更 names licence L0, which the agency held before L1`}},
		{name: "a licence number granted again → current, not among the former numbers",
			decs: []*model.Decision{dec(2, codeA, model.NewLicence, 20200101, licence("L0")), dec(3, codeA, model.NewLicence, 20230101, licence("L1")),
				dec(4, codeA, model.NewLicence, 20250101, licence("L0"))},
			status: model.StatusValid, class: "ok", licence: "L0", former: "L1",
			diags: []string{"should it be a 延续?"}},
		{name: "a 新许可 listed twice (two exports holding the same row) → published once, said once, not as a 新许可 that should be a 延续",
			decs:   []*model.Decision{dec(2, codeA, model.NewLicence, 20250101), dec(3, codeA, model.NewLicence, 20250101)},
			status: model.StatusValid, class: "ok",
			diags: []string{`licences.csv:3: warning: 公示类型 "新许可": the same row as licences.csv:2, every field alike`}, not: "should it be a 延续"},
		{name: "a 新许可 listed twice with two 公示日期 (a city's export and the province's) → published once, dated by the first 公示, whichever row is read first",
			decs: []*model.Decision{dec(2, codeA, model.NewLicence, 20250101, func(d *model.Decision) { d.PublishedOn = 20250110 }),
				dec(3, codeA, model.NewLicence, 20250101, func(d *model.Decision) { d.PublishedOn = 20250103 })},
			status: model.StatusValid, class: "ok",
			diags: []string{`licences.csv:2: warning: 公示日期 "2025-01-10": the same decision as licences.csv:3, every field alike but the 公示日期 (2025-01-03 there): it is published once, dated by the first 公示`}, not: "should it be a 延续"},
		{name: "a 新许可 listed twice with two remarks → said once, as a decision listed twice",
			decs: []*model.Decision{dec(2, codeA, model.NewLicence, 20250101, note("", "首次申请")),
				dec(3, codeA, model.NewLicence, 20250101, note("", "新办"))},
			status: model.StatusValid, class: "ok",
			diags: []string{`licences.csv:3: warning: 公示类型 "新许可": the same decision as licences.csv:2 is listed twice`}, not: "should it be a 延续"},
		{name: "吊销 naming a licence number the agency was never granted → 已吊销 all the same, with a warning",
			decs:   []*model.Decision{dec(2, codeA, model.NewLicence, 20230101), dec(3, codeA, model.Withdrawal, 20250301, licence("L9"))},
			status: model.StatusWithdrawn, class: "bad", headline: "许可已吊销（2025-03-01）",
			diags: []string{`licences.csv:3: warning: 许可证编号 "L9": this 吊销 names licence L9, which this agency was never granted (its licence is L1)`}},
		{name: "注销 naming the number a 延续 renewed (the licence in force, renumbered) → 已注销",
			decs: []*model.Decision{dec(2, codeA, model.NewLicence, 20230101, licence("L1")), dec(3, codeA, model.Renewal, 20251201, licence("L2"), period(20260101, 20281231)),
				dec(4, codeA, model.Cancellation, 20260301, licence("L1"))},
			status: model.StatusCancelled, class: "bad", headline: "许可已注销（2026-03-01）"},
		{name: "a branch of a branch follows the top head office, and its detail names that office",
			decs: []*model.Decision{dec(2, codeA, model.NewLicence, 20230101, named("总部公司")), dec(3, codeB, model.Filing, 20230201, parent(codeA), named("总部公司一分公司")),
				dec(4, codeC, model.Filing, 20230301, parent(codeB), named("总部公司一分公司营业部")), dec(5, codeA, model.Cancellation, 20250301, named("总部公司"))},
			code:   codeC,
			status: model.StatusFiled, class: "bad", headline: "已备案，但总公司许可已注销（2025-03-01）", detail: "总公司总部公司的许可已注销"},
		{name: "a branch of a branch of a licensed head office → ok, working under the top office's licence",
			decs: []*model.Decision{dec(2, codeA, model.NewLicence, 20250101, named("总部公司")), dec(3, codeB, model.Filing, 20250201, parent(codeA), named("总部公司一分公司")),
				dec(4, codeC, model.Filing, 20250301, parent(codeB), named("总部公司一分公司营业部"))},
			code:   codeC,
			status: model.StatusFiled, class: "ok", headline: "已备案（总公司许可有效至 2027-12-31）", detail: "凭总公司总部公司的劳务派遣经营许可证经营"},
		{name: "a branch whose head office was revoked and later licensed anew follows it (DESIGN §5), with a warning at its 备案",
			decs: []*model.Decision{dec(2, codeA, model.NewLicence, 20200101), dec(3, codeB, model.Filing, 20210101, parent(codeA)),
				dec(4, codeA, model.Withdrawal, 20220101), dec(5, codeA, model.NewLicence, 20250101, licence("L2"))},
			code:   codeB,
			status: model.StatusFiled, class: "ok", headline: "已备案（总公司许可有效至 2027-12-31）",
			diags: []string{"licences.csv:3: warning: 上级单位统一社会信用代码 \"91440106MA5C00010W\": the head office's licence was 已吊销 on 2022-01-01, after this 备案, and the head office holds a licence again from 2025-01-01"}},
		{name: "… and filed again under the new licence → ok, no warning",
			decs: []*model.Decision{dec(2, codeA, model.NewLicence, 20200101), dec(3, codeB, model.Filing, 20210101, parent(codeA)),
				dec(4, codeA, model.Withdrawal, 20220101), dec(5, codeA, model.NewLicence, 20250101, licence("L2")), dec(6, codeB, model.Filing, 20250301, parent(codeA), licence("L2"))},
			code:   codeB,
			status: model.StatusFiled, class: "ok", headline: "已备案（总公司许可有效至 2027-12-31）"},
		{name: "two branches that name each other as head office → error, and neither is ok",
			decs:   []*model.Decision{dec(2, codeB, model.Filing, 20250201, parent(codeC)), dec(3, codeC, model.Filing, 20250301, parent(codeB))},
			code:   codeB,
			status: model.StatusFiled, class: "neutral",
			diags: []string{"filed under this agency: the chain of head offices goes round"}},
		{name: "a branch's own 注销 → 已注销: its filing, not a licence it never held",
			decs:   []*model.Decision{dec(2, codeA, model.NewLicence, 20250101), dec(3, codeB, model.Filing, 20250201, parent(codeA)), dec(4, codeB, model.Cancellation, 20250601)},
			code:   codeB,
			status: model.StatusCancelled, class: "bad", headline: "备案已注销（2025-06-01）"},
		{name: "a branch's 撤销 → 已撤销, of its filing",
			decs:   []*model.Decision{dec(2, codeA, model.NewLicence, 20250101), dec(3, codeB, model.Filing, 20250201, parent(codeA)), dec(4, codeB, model.Revocation, 20250601)},
			code:   codeB,
			status: model.StatusRevoked, class: "bad", headline: "备案已撤销（2025-06-01）"},
		{name: "a rename with no 变更 naming it → warning with both names",
			decs:   []*model.Decision{dec(2, codeA, model.NewLicence, 20230101, named("旧名公司")), dec(3, codeA, model.Renewal, 20251101, named("新名公司"), period(20260101, 20281231))},
			status: model.StatusValid, class: "ok",
			diags: []string{"licences.csv:3: warning: 行政相对人名称 \"新名公司\": the agency was named \"旧名公司\" until this 延续, which is not a 变更 naming the change"}},
		{name: "a rename by a 变更 that states it → no warning",
			decs:   []*model.Decision{dec(2, codeA, model.NewLicence, 20250101, named("旧名公司")), dec(3, codeA, model.Change, 20250601, named("新名公司"), changes("名称：旧名公司→新名公司"))},
			status: model.StatusValid, class: "ok"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, decs := range [][]*model.Decision{tc.decs, reversed(tc.decs)} {
				r, diags := deriveT(t, &model.Dataset{Decisions: clones(decs)})
				code := cmp.Or(tc.code, tc.decs[0].Code)
				a := r.Agency(code)
				v := r.Verdict(a)
				if a.Status != tc.status || v.Class != tc.class || !strings.Contains(v.Headline, tc.headline) {
					t.Errorf("%s: status %s, %s %q; want %s, %s %q", code, a.Status, v.Class, v.Headline, tc.status, tc.class, tc.headline)
				}
				if !strings.Contains(v.Detail, tc.detail) {
					t.Errorf("%s: detail %q lacks %q", code, v.Detail, tc.detail)
				}
				var got []string
				for _, d := range diags {
					got = append(got, d.String())
				}
				all := strings.Join(got, "\n")
				for _, w := range tc.diags {
					if !strings.Contains(all, w) {
						t.Errorf("diagnostics lack %q:\n%s", w, all)
					}
				}
				if tc.licence != "" && (a.LicenceNo != tc.licence || strings.Join(a.FormerLicenceNos, "，") != tc.former) {
					t.Errorf("%s: licence number %s, want %s (former %v)", code, a.LicenceNo, tc.licence, a.FormerLicenceNos)
				}
				if tc.not != "" && strings.Contains(all, tc.not) {
					t.Errorf("diagnostics hold %q:\n%s", tc.not, all)
				}
				if len(tc.diags) == 0 && len(got) > 0 {
					t.Errorf("unexpected diagnostics:\n%s", all)
				}
			}
		})
	}
}

func reversed(decs []*model.Decision) []*model.Decision {
	out := slices.Clone(decs)
	slices.Reverse(out)
	return out
}

// clones copies the rows, as each derivation sorts and links its own.
func clones(decs []*model.Decision) []*model.Decision {
	out := make([]*model.Decision, len(decs))
	for i, d := range decs {
		c := *d
		out[i] = &c
	}
	return out
}

// Status on any date comes from the same spans the verdict does: a worker
// asks "was it licensed on the day I signed?".
func TestStatusOnDates(t *testing.T) {
	r, _ := deriveT(t, &model.Dataset{Decisions: []*model.Decision{
		dec(2, codeA, model.NewLicence, 20180301, period(20180301, 20210228)),
		dec(3, codeA, model.Renewal, 20210101, period(20210301, 20240229)),
		dec(4, codeA, model.Withdrawal, 20230710),
		dec(5, codeA, model.NewLicence, 20250101, licence("L2"), period(20250101, 20271231)),
		dec(6, codeB, model.Filing, 20190101, parent(codeA)),
	}})
	a, b := r.Agency(codeA), r.Agency(codeB)
	for _, tc := range []struct {
		on     model.Date
		status model.Status
		ok     bool
	}{
		{20180228, 0, false}, {20180301, model.StatusValid, true}, {20210228, model.StatusValid, true}, {20210301, model.StatusValid, true},
		{20230709, model.StatusValid, true}, {20230710, model.StatusWithdrawn, false}, {20241231, model.StatusWithdrawn, false},
		{20250101, model.StatusValid, true}, {20271231, model.StatusValid, true}, {20280101, model.StatusExpired, false},
	} {
		s := a.On(tc.on)
		if s.Status != tc.status || s.Licensed() != tc.ok {
			t.Errorf("head office on %s: %s (licensed %v), want %s (%v)", tc.on, s.Status, s.Licensed(), tc.status, tc.ok)
		}
		if tc.on >= 20190101 {
			if bs := b.On(tc.on); bs.Status != model.StatusFiled || bs.Licensed() != tc.ok {
				t.Errorf("branch on %s: %s (licensed %v), want 已备案 (%v)", tc.on, bs.Status, bs.Licensed(), tc.ok)
			}
		}
	}
	if s := b.On(20181231); s.Status != 0 || s.Licensed() {
		t.Errorf("branch before its 备案: %s", s.Status)
	}
	// spans cover every day, each starting the day after the one before ends
	for _, ag := range []*Agency{a, b} {
		for i, s := range ag.Spans {
			if i > 0 && s.From != ag.Spans[i-1].Until.AddDays(1) {
				t.Errorf("%s: span %d starts %s after one ending %s", ag.Code, i, s.From, ag.Spans[i-1].Until)
			}
		}
		if ag.Spans[0].From != 0 || ag.Spans[len(ag.Spans)-1].Until != 0 {
			t.Errorf("%s: spans do not cover every day: %+v", ag.Code, ag.Spans)
		}
	}
}

// A verdict of any span names its grounds: the 吊销's decision number and reason.
func TestVerdictGrounds(t *testing.T) {
	r, _ := deriveT(t, &model.Dataset{Decisions: []*model.Decision{dec(2, codeA, model.NewLicence, 20250101), dec(3, codeA, model.Withdrawal, 20250301, note("粤人社罚〔2025〕3号", "违法转派"))}})
	if g := r.Verdict(r.Agency(codeA)).Grounds; g != "决定文书号：粤人社罚〔2025〕3号；原因：违法转派" {
		t.Errorf("grounds %q", g)
	}
}

// Publication deadlines on the official calendar, each warning with the
// date it was due; a blank 公示日期 is reported, never filled in.
func TestTimeliness(t *testing.T) {
	published := func(on model.Date) func(*model.Decision) { return func(d *model.Decision) { d.PublishedOn = on } }
	_, diags := deriveT(t, &model.Dataset{
		Decisions: []*model.Decision{
			dec(2, codeA, model.Change, 20250926, published(20251010), changes("住所：乙→丙")), // 5 working days: on time
			dec(3, codeA, model.Change, 20250919, published(20250930), changes("住所：甲→乙")), // 8: late (Sunday 28 September worked)
			dec(4, codeB, model.NewLicence, 20250101, published(0), licence("L2")),
			dec(5, codeA, model.NewLicence, 20250102),
			// licences in 2024, the year of the results below
			dec(6, codeA, model.NewLicence, 20230103, published(20230104), period(20230103, 20241231)),
			dec(7, codeB, model.NewLicence, 20230103, published(20230104), period(20230103, 20241231), licence("L2")),
		},
		Checks: []*model.AnnualCheck{
			{Src: model.Source{File: "annual-checks.csv", Line: 2}, Year: 2024, Code: codeA, Name: "甲公司", Result: model.CheckPass, PublishedOn: 20250630},
			{Src: model.Source{File: "annual-checks.csv", Line: 3}, Year: 2024, Code: codeB, Name: "甲公司", Result: model.CheckPass, PublishedOn: 20250701},
		},
	})
	var got []string
	for _, d := range diags {
		got = append(got, d.String())
	}
	all := strings.Join(got, "\n")
	for _, want := range []string{
		`licences.csv:3: warning: 公示日期 "2025-09-30": published 8 working days after the decision of 2025-09-19: 应于 2025-09-29 前公示`,
		`licences.csv:4: warning: 公示日期 "": no 公示日期: when the decision of 2025-01-01 was published cannot be told (应于 2025-01-10 前公示`,
		`annual-checks.csv:3: warning: 公布日期 "2025-07-01": the 2024 results were published after 30 June 2025: 应于 2025-06-30 前公布`,
	} {
		if !strings.Contains(all, want) {
			t.Errorf("missing %q in\n%s", want, all)
		}
	}
	if len(got) != 3 {
		t.Errorf("want 3 diagnostics, got:\n%s", all)
	}
}

// oneTypoFrom finds the one code a mistyped code means: one character
// mistyped or two neighbours swapped, never the branch's own code, and
// nothing when two codes are as near.
func TestOneTypoFrom(t *testing.T) {
	const other = "91440106MA5C00020X" // codeB
	r := &Register{byCode: map[string]*Agency{codeA: {Code: codeA}, other: {Code: other}}}
	for typed, want := range map[string]string{
		"91440106MA5C00000W": codeA, // one character mistyped
		"91440106MA5C0001W0": codeA, // the last two swapped
		"91440106MA5C00030X": other,
		"91440106MA5C00010X": "", // one character from each: the row does not say which
		"91440106MA5C0003X0": "", // two from both
		"9144010":            "",
	} {
		got := ""
		if a := r.oneTypoFrom(typed, ""); a != nil {
			got = a.Code
		}
		if got != want {
			t.Errorf("oneTypoFrom(%s) = %q, want %q", typed, got, want)
		}
	}
	if a := r.oneTypoFrom("91440106MA5C00000W", codeA); a != nil {
		t.Errorf("the branch's own code was offered, or another two characters away: %s", a.Code)
	}
}

// An annual result or a grade for a year in which the agency held no
// licence and was no filed branch is most likely another agency's or
// another year's: a warning at its year. A year the licence covered for
// part of it is the agency's.
func TestResultsOutsideTheLicence(t *testing.T) {
	_, diags := deriveT(t, &model.Dataset{
		Decisions: []*model.Decision{dec(2, codeA, model.NewLicence, 20230101), dec(3, codeA, model.Withdrawal, 20240301)},
		Checks: []*model.AnnualCheck{
			{Src: model.Source{File: "annual-checks.csv", Line: 2}, Year: 2024, Code: codeA, Name: "甲公司", Result: model.CheckPass, PublishedOn: 20250601},
			{Src: model.Source{File: "annual-checks.csv", Line: 3}, Year: 2025, Code: codeA, Name: "甲公司", Result: model.CheckPass, PublishedOn: 20260601},
		},
		Grades: []*model.Grade{{Src: model.Source{File: "grades.csv", Line: 2}, Year: 2022, Code: codeA, Name: "甲公司", Grade: "A"}},
	})
	var got []string
	for _, d := range diags {
		got = append(got, d.String())
	}
	all := strings.Join(got, "\n")
	for _, want := range []string{
		`annual-checks.csv:3: warning: 年度 "2025": a 2025 result, but the agency held no licence and was no filed branch at any time in 2025`,
		`grades.csv:2: warning: 评价年度 "2022": a 2022 grade, but the agency held no licence`,
	} {
		if !strings.Contains(all, want) {
			t.Errorf("missing %q in\n%s", want, all)
		}
	}
	if strings.Contains(all, `年度 "2024"`) {
		t.Errorf("the 2024 result, in a year the licence covered in part, is warned of:\n%s", all)
	}
}

// What a page or a search result read after the as-of date may have to
// say: the as-of date's verdict, then one a span after it — a renewal
// with a gap between its periods is in force, not in force, in force
// again, then expired; a branch follows its head office through them.
func TestVerdictsFrom(t *testing.T) {
	r, _ := deriveT(t, &model.Dataset{Decisions: []*model.Decision{
		dec(2, codeA, model.NewLicence, 20231210, period(20231210, 20261209)),
		dec(3, codeA, model.Renewal, 20261102, period(20261220, 20291219)),
		dec(4, codeB, model.Filing, 20240101, parent(codeA)),
	}})
	for code, want := range map[string]string{
		codeA: "2023-12-10 ok|2026-12-10 warn|2026-12-20 ok|2029-12-20 warn",
		codeB: "2024-01-01 ok|2026-12-10 bad|2026-12-20 ok|2029-12-20 bad",
	} {
		a := r.Agency(code)
		vs := r.VerdictsFrom(a, asOf)
		var got []string
		for i, v := range vs {
			got = append(got, v.From.String()+" "+v.Class)
			if i > 0 && v.From != vs[i-1].Until.AddDays(1) {
				t.Errorf("%s: verdict %d from %s, after one until %s", code, i, v.From, vs[i-1].Until)
			}
		}
		if strings.Join(got, "|") != want {
			t.Errorf("%s: verdicts from %s: %q, want %s", code, asOf, got, want)
		}
		if vs[0] != r.Verdict(a) {
			t.Errorf("%s: the first is not the as-of date's verdict: %+v", code, vs[0])
		}
	}
}
