package model

import "testing"

// A 当前状态 is read by its whole cell, else by the word it holds; a
// negated word says nothing, and 1 and 2 are read only alone.
func TestParseStated(t *testing.T) {
	for _, c := range []struct {
		in    string
		word  string
		class StatedClass
	}{
		{"", "", StatedUnread},
		{" 2 ", "2", StatedVoid},
		{"1", "1", StatedInForce},
		{"12", "", StatedUnread},
		{"已注销", "已注销", StatedEnded},
		{"被吊销", "被吊销", StatedEnded},
		{"注销（2024-01-01）", "注销", StatedEnded},
		{"许可已吊销", "吊销", StatedEnded},
		{"有效期届满", "届满", StatedExpired},
		{"无效", "无效", StatedVoid},
		{"有效", "有效", StatedInForce},
		{"未注销", "", StatedUnread},
		{"未到期，有效", "有效", StatedInForce},
		{"暂停经营", "", StatedUnread},
		{"否", "否", StatedVoid}, // 是否有效
		{"是", "是", StatedInForce},
		{"是否", "", StatedUnread},
	} {
		s := ParseStated(c.in)
		if s.String() != c.word || s.Class() != c.class {
			t.Errorf("ParseStated(%q) = %q (class %d), want %q (class %d)", c.in, s, s.Class(), c.word, c.class)
		}
	}
	if len(statedWords) > 255 {
		t.Error("statedWords outgrew a Stated")
	}
	for i := 1; i < len(statedWords); i++ {
		if w := statedWords[i].word; ParseStated(w) != Stated(i) {
			t.Errorf("%q is not read as itself", w)
		}
	}
}
