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
// is most often written (注销, 已注销); else the first bare word the cell
// holds (注销（2024-01-01）, 许可已注销) other than negated (未注销), the
// words that say a licence is not in force before the others (无效 holds
// no 有效, but 有效期届满 holds both). 1 and 2 are the national 双公示
// layout's codes (1 有效, 2 无效), read only as the whole cell.
var statedWords = [...]struct {
	word  string
	class StatedClass
}{{"", StatedUnread},
	{"注销", StatedEnded}, {"撤销", StatedEnded}, {"吊销", StatedEnded}, {"撤回", StatedEnded}, {"终止", StatedEnded},
	{"过期", StatedExpired}, {"到期", StatedExpired}, {"届满", StatedExpired}, {"失效", StatedExpired},
	{"无效", StatedVoid}, {"2", StatedVoid},
	{"有效", StatedInForce}, {"正常", StatedInForce}, {"存续", StatedInForce}, {"在业", StatedInForce}, {"在营", StatedInForce}, {"开业", StatedInForce}, {"1", StatedInForce},
	// whole cells only
	{"已注销", StatedEnded}, {"已撤销", StatedEnded}, {"已吊销", StatedEnded}, {"被吊销", StatedEnded}, {"已撤回", StatedEnded}, {"已终止", StatedEnded},
	{"已过期", StatedExpired}, {"已到期", StatedExpired}, {"已届满", StatedExpired}, {"已失效", StatedExpired},
}

// bareWords is how many of statedWords are read anywhere in a cell.
const bareWords = 19

// ParseStated reads a 当前状态 cell.
func ParseStated(s string) Stated {
	s = strings.TrimSpace(s)
	for i := 1; i < len(statedWords); i++ {
		if s == statedWords[i].word {
			return Stated(i)
		}
	}
	for i := 1; i < bareWords; i++ {
		if w := statedWords[i].word; len(w) > 1 && saysWord(s, w) {
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
