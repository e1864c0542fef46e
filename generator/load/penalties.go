package load

import (
	"fmt"
	"regexp"
	"strings"

	"portal/generator/diag"
	"portal/generator/model"
)

// penaltyRow is a 双公示 行政处罚 row as text, bound by header.
type penaltyRow struct {
	Name      string
	Code      string
	No        string
	Kind      string
	Content   string
	Licence   string
	On        string
	Authority string
	Note      string
	LegalRep  string
	Offence   string // 违法行为类型
	Basis     string // 处罚依据
	Kind2     string // 处罚类别2, the 2016 layout's second kind
	State     string // 当前状态, the 2016 layout's: 0 正常, 1 撤销, 2 异议, 3 其他
}

// dispatchPenalty is what a penalty does to a 劳务派遣经营许可证.
type dispatchPenalty uint8

const (
	leavesLicence    dispatchPenalty = iota // a fine, another licence's penalty…
	revokesLicence                          // 吊销: read as a decision
	suspendsLicence                         // 暂扣, 暂停: said, not published
	withdrawsPenalty                        // 撤销 an earlier 吊销: an error
	notDecided                              // 拟吊销, a notice before a hearing: an error
)

// A penalty's texts may name a 吊销 they do not impose: a decision that
// withdraws an earlier one (撤销本机关作出的吊销劳务派遣经营许可证的处罚决定,
// after a reconsideration or a court), or one that declines it (不予吊销,
// 免予处罚). Read as a 吊销, either would publish a licensed agency as
// revoked.
var (
	penaltyWithdrawn = regexp.MustCompile(`(撤销|撤回|收回)[^，,。；;]*?(处罚决定|行政处罚|处罚|吊销)`)
	penaltyDeclined  = regexp.MustCompile(`(不予|免予|免于|暂不|不)(行政)?(处罚|吊销|暂扣)`)
)

// onDispatchLicence reads what a penalty does to a 劳务派遣经营许可证 from
// its 处罚内容 and the licence it names; its 处罚类别 alone does not tell —
// the national category "暂扣或者吊销许可证" covers both — unless it names
// one of them only. A penalty whose texts name no licence (吊销许可证) is
// on the dispatch licence when what it punishes is a breach of the
// dispatch rules (dispatchOffence): a bureau revokes no other licence for
// one, and left unread, the agency would be published as licensed.
func onDispatchLicence(x *penaltyRow) dispatchPenalty {
	what := x.Content + " " + x.Licence
	revokes, suspends := strings.Contains(x.Kind, "吊销"), strings.Contains(x.Kind, "暂扣")
	onDispatch := strings.Contains(what, "劳务派遣") ||
		otherLicence(what) == "" && !strings.Contains(what, "执照") && dispatchOffence(x)
	switch {
	case !onDispatch:
		return leavesLicence
	case penaltyWithdrawn.MatchString(what):
		return withdrawsPenalty
	case notMadeText(what):
		return notDecided
	case penaltyDeclined.MatchString(what):
		return leavesLicence
	case strings.Contains(x.Licence, "吊销") || revocationImposed(x.Content) || revokes && !suspends:
		return revokesLicence
	case strings.Contains(what, "暂扣") || strings.Contains(what, "暂停") || suspends && !revokes:
		return suspendsLicence
	}
	return leavesLicence
}

// penaltyNoteUndoes is the part of a 吊销's 备注 that says it was not
// made or no longer stands (该处罚决定已被撤销, 拟吊销, 吊销决定经复议被
// 撤销), or "". A remark on how it was decided (经听证，决定吊销) is not.
func penaltyNoteUndoes(note string) string { return undoneBy(note, model.Withdrawal) }

// A penalty's 处罚内容 may name a 吊销 it does not impose: one that follows
// if the agency does not comply (责令改正，逾期不改正的，吊销其劳务派遣经营
// 许可证), or the law's words it quotes (依据“……吊销其劳务派遣业务经营许可证”
// 的规定，处以罚款). Read as imposed, a warning or a fine would publish a
// licensed agency as revoked. A 处罚类别 that names 吊销 alone still
// decides; under a category of both (暂扣或者吊销许可证) or of neither, the
// text does (stated).
func revocationImposed(content string) bool { return stated(content, "吊销") }

// dispatchOffence reports whether a penalty punishes a breach of the
// dispatch rules, as its 违法行为类型 or 处罚依据 says: 违反劳务派遣规定, the
// 劳务派遣行政许可实施办法, or 劳动合同法 第九十二条 (the article on
// dispatch).
func dispatchOffence(x *penaltyRow) bool {
	return strings.Contains(x.Offence+" "+x.Basis, "劳务派遣") ||
		strings.Contains(x.Basis, "劳动合同法") && strings.Contains(x.Basis, "第九十二条")
}

// licenceNumber finds the number of the licence a penalty names.
var licenceNumber = regexp.MustCompile(`[0-9A-Za-z]{6,}`)

// decodePenalties reads the 吊销 of 劳务派遣经营许可证 among a file of
// penalties as decisions; the other penalties are counted in the summary,
// not published.
func decodePenalties(t *table, d *diag.List) ([]*model.Decision, error) {
	var in []penaltyRow
	if err := unmarshal(t, &in); err != nil {
		return nil, err
	}
	// the register names a decision's cells by the licences table's
	// fields (公示类型, 许可决定日期…): in this file they are the penalty's
	// own, and a diagnostic points at them, headed as the file heads them
	for field, own := range map[string]string{model.ColType.Title: fPenaltyContent, model.ColDecidedOn.Title: fPenaltyOn,
		model.ColAuthority.Title: fPenaltyAuthority, model.ColDocNo.Title: fPenaltyNo, model.ColLicenceNo.Title: fPenaltyLicence} {
		if t.cols[field] == 0 {
			t.cols[field] = t.cols[own]
		}
	}
	var out []*model.Decision
	keep := newTexts(len(in))
	other := 0
	for i := range in {
		x := &in[i]
		r := &row{t: t, line: t.lines[i], d: d}
		if x.Kind2 != "" { // the 2016 layout's second kind: both are the penalty's
			x.Kind = strings.Trim(x.Kind+"、"+x.Kind2, "、 ")
		}
		if effect := onDispatchLicence(x); effect != revokesLicence {
			if effect == withdrawsPenalty {
				// which 吊销 it undoes, and what the licence is since,
				// only the bureau can say
				r.errorf(fPenaltyContent, x.Content, "remove this row and the 吊销 it withdraws from the penalties export (the licence then stands as the licences file has it); if the licence was revoked again, keep that 吊销",
					"this penalty withdraws an earlier one (撤销 a 吊销 or a 处罚决定) rather than imposing one: the register cannot read a 吊销 undone, and read as a 吊销 it would publish the agency as revoked")
				other++
				continue
			}
			if effect == notDecided {
				// a 双公示 export lists decisions made; a proposal read
				// as a 吊销 would publish a licensed agency as revoked
				r.errorf(fPenaltyContent, x.Content, "remove this row from the penalties export; when the 吊销 is decided, export its decision",
					"this penalty's text says it is proposed or announced before a hearing (拟, 告知书, 听证), not decided: it cannot be read as a 吊销, and left unread it may hide one")
				other++
				continue
			}
			if effect == suspendsLicence {
				// the register has no status for it and the row no end:
				// the agency is shown by its licence, which a reader must
				// not take for the whole story while the suspension lasts
				r.warnf(fPenaltyContent, x.Content, "once the suspension is over this may be ignored, or the row removed (only a 吊销 is read from this file); while it lasts, the register cannot say so",
					"a suspension (暂扣) of a 劳务派遣经营许可证 is not published: the register has no status for it, so while it lasts the agency's page still shows its licence as in force")
			}
			other++
			continue
		}
		if w := penaltyNoteUndoes(x.Note); w != "" {
			r.errorf(model.ColNote.Title, x.Note, "if the 吊销 was not made or no longer stands, remove the row (and the 吊销 it undoes); if the words are about another decision, reword them",
				"the 备注 says this 吊销 was not made or no longer stands (%q): read as a 吊销, the agency would be published as revoked", w)
		}
		r.checkCommentUndoes(model.Withdrawal, penaltyNoteUndoes)
		if st := strings.TrimSpace(x.State); st != "" && st != "0" && (st == "1" || model.ParseStated(st).Class() != model.StatedInForce) {
			// the 2016 layout's 1 撤销 (withdrawn), 2 异议 (disputed), 3
			// 其他: whether the 吊销 stands only the bureau can say (a word
			// saying it is in force, 正常 or 有效, is read as such; a bare 1
			// is not, which a licence's state uses for 有效)
			r.errorf(model.ColState.Title, x.State, "if the 吊销 stands, write 0 (正常) or clear the cell; if it was withdrawn, remove the row (and keep the licence as the licences file has it)",
				"the penalty's 当前状态 is not 0 (正常): in the 双公示 layout that has it, 1 is 撤销 (the penalty withdrawn), 2 异议 (disputed) and 3 其他; read as a 吊销, the agency would be published as revoked whether or not it stands")
		}
		dec := &model.Decision{Src: r.src(), Type: model.Withdrawal, Name: x.Name, LegalRep: x.LegalRep,
			Authority: x.Authority, DocNo: x.No, Note: x.Note, Penalty: true}
		r.present(model.ColName.Title, x.Name, true)
		dec.Code = r.creditCode(model.ColCode.Title, x.Code, true)
		dec.DecidedOn = r.date(fPenaltyOn, x.On, true)
		r.present(fPenaltyAuthority, x.Authority, true)
		for _, s := range []string{x.Licence, x.Content} {
			if n := licenceNumber.FindString(s); n != "" {
				dec.LicenceNo = model.NormalizeCode(n)
				break
			}
		}
		if rc, ok := regionFromCode(dec.Code); ok {
			dec.RegionCode = rc
		}
		keep.decision(dec)
		out = append(out, dec)
	}
	if other > 0 {
		what := "penalties that do not"
		if other == 1 {
			what = "penalty that does not"
		}
		t.tell(fmt.Sprintf("%d %s revoke a 劳务派遣经营许可证 not read (only a 吊销 changes the register)", other, what))
	}
	if len(out) > 0 {
		t.tell(fmt.Sprintf("%d 吊销 of a 劳务派遣经营许可证 read as decisions", len(out)))
	}
	return out, nil
}
