package model

import "strings"

// Stated is what an export's own 当前状态 column says of a row's licence
// on the day the export was made: one of statedWords, the word the cell
// was read by (0 when the cell is empty or says nothing the portal reads).
// The register is derived from the decisions; the column only checks it
// (register: a licence the bureau's own row calls ended, while no
// decision in the data ends it, would be published as licensed).
type Stated uint8

// StatedClass is what a 当前状态 word says of the licence.
type StatedClass uint8

const (
	StatedUnread  StatedClass = iota
	StatedEnded               // ended by a decision: 注销 撤销 吊销 撤回 终止
	StatedExpired             // its period over: 过期 到期 届满 失效
	StatedVoid                // not in force, no reason given: 无效, 2
	StatedInForce             // 有效 正常 存续 在业 在营 开业, 1
)

// statedWords are the words a 当前状态 is read by: the whole cell, as it
// is most often written (注销, 已注销); else the first word the cell holds
// that is not whole-cell only (注销（2024-01-01）, 许可已注销), other than
// negated (未注销), the words that say a licence is not in force before the
// others (无效 holds no 有效, but 有效期届满 holds both). 1 and 2 are the
// national 双公示 layout's codes (1 有效, 2 无效), read only as the whole
// cell.
var statedWords = [...]struct {
	word  string
	class StatedClass
	whole bool // read only as the whole cell
}{{"", StatedUnread, true},
	{"注销", StatedEnded, false}, {"撤销", StatedEnded, false}, {"吊销", StatedEnded, false}, {"撤回", StatedEnded, false}, {"终止", StatedEnded, false},
	{"过期", StatedExpired, false}, {"到期", StatedExpired, false}, {"届满", StatedExpired, false}, {"失效", StatedExpired, false},
	{"无效", StatedVoid, false}, {"2", StatedVoid, true},
	{"有效", StatedInForce, false}, {"正常", StatedInForce, false}, {"存续", StatedInForce, false}, {"在业", StatedInForce, false},
	{"在营", StatedInForce, false}, {"开业", StatedInForce, false}, {"1", StatedInForce, true},
	{"已注销", StatedEnded, true}, {"已撤销", StatedEnded, true}, {"已吊销", StatedEnded, true}, {"被吊销", StatedEnded, true},
	{"已撤回", StatedEnded, true}, {"已终止", StatedEnded, true},
	{"已过期", StatedExpired, true}, {"已到期", StatedExpired, true}, {"已届满", StatedExpired, true}, {"已失效", StatedExpired, true},
	// a column asking whether the licence is in force (是否有效)
	{"否", StatedVoid, true}, {"是", StatedInForce, true},
}

// ParseStated reads a 当前状态 cell.
func ParseStated(s string) Stated {
	s = strings.TrimSpace(s)
	for i := 1; i < len(statedWords); i++ {
		if s == statedWords[i].word {
			return Stated(i)
		}
	}
	for i := 1; i < len(statedWords); i++ {
		if w := statedWords[i]; !w.whole && saysWord(s, w.word) {
			return Stated(i)
		}
	}
	return 0
}

// String is the word the cell was read by.
func (s Stated) String() string { return statedWords[s].word }

// Class is what the word says of the licence.
func (s Stated) Class() StatedClass { return statedWords[s].class }

// NotInForce reports whether the word says the licence is not in force,
// for whatever reason.
func (s Stated) NotInForce() bool {
	c := s.Class()
	return c == StatedEnded || c == StatedExpired || c == StatedVoid
}

// saysWord reports whether s holds w other than negated (未注销, 未到期,
// 非有效).
func saysWord(s, w string) bool {
	for {
		i := strings.Index(s, w)
		if i < 0 {
			return false
		}
		before := s[:i]
		if !strings.HasSuffix(before, "未") && !strings.HasSuffix(before, "非") && !strings.HasSuffix(before, "不") && !strings.HasSuffix(before, "没") {
			return true
		}
		s = s[i+len(w):]
	}
}
