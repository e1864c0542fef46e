package model

// DecisionType is the 公示类型 (status tag) every published licensing
// decision carries.
type DecisionType uint8

const (
	NewLicence   DecisionType = iota + 1 // 新许可
	Change                               // 变更
	Renewal                              // 延续
	Revocation                           // 撤销: the grant is annulled (e.g. obtained improperly)
	Withdrawal                           // 吊销: the licence is withdrawn as a penalty
	Cancellation                         // 注销: the licence is cancelled (closure, expiry, request)
	Filing                               // 备案: a branch or an out-of-province agency filed locally
)

// DecisionTypes lists every tag in the order the law lists them.
var DecisionTypes = []DecisionType{NewLicence, Change, Renewal, Revocation, Withdrawal, Cancellation, Filing}

var decisionNames = [...]string{"", "新许可", "变更", "延续", "撤销", "吊销", "注销", "备案"}
var decisionSlugs = [...]string{"", "new", "change", "renewal", "revocation", "withdrawal", "cancellation", "filing"}

func (t DecisionType) String() string { return decisionNames[t] }

// Slug is the English URL and open-data name of the tag.
func (t DecisionType) Slug() string { return decisionSlugs[t] }

// Terminal reports whether the tag ends a licence (撤销, 吊销, 注销).
func (t DecisionType) Terminal() bool { return t == Revocation || t == Withdrawal || t == Cancellation }

// Grant reports whether the tag grants a licence period (新许可, 延续).
func (t DecisionType) Grant() bool { return t == NewLicence || t == Renewal }

// Rank orders decisions of one day by their meaning, never by their row:
// what opens a record (新许可, 备案) before what changes it (变更, 延续)
// before what ends it (撤销, 吊销, 注销).
func (t DecisionType) Rank() int {
	switch {
	case t == NewLicence || t == Filing:
		return 0
	case t.Terminal():
		return 2
	}
	return 1
}

func (t DecisionType) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// ParseDecisionType reads a 公示类型.
func ParseDecisionType(s string) (DecisionType, bool) {
	return parseName[DecisionType](decisionNames[:], s)
}

// parseName reads the value of an enum whose names are names, its zero
// value (names[0]) never read.
func parseName[T ~uint8](names []string, s string) (T, bool) {
	for i, n := range names {
		if i > 0 && n == s {
			return T(i), true
		}
	}
	return 0, false
}

// Status is an agency's licence status as of a date; 0 is no licence
// or filing yet (无记录).
type Status uint8

const (
	StatusValid     Status = iota + 1 // 有效
	StatusExpired                     // 已过期
	StatusCancelled                   // 已注销
	StatusRevoked                     // 已撤销
	StatusWithdrawn                   // 已吊销
	StatusFiled                       // 已备案
	StatusPending                     // 未生效: granted, its 有效期 not yet begun
)

// Statuses lists every status in display order.
var Statuses = []Status{StatusValid, StatusFiled, StatusPending, StatusExpired, StatusCancelled, StatusRevoked, StatusWithdrawn}

var statusNames = [...]string{"无记录", "有效", "已过期", "已注销", "已撤销", "已吊销", "已备案", "未生效"}
var statusSlugs = [...]string{"", "valid", "expired", "cancelled", "revoked", "withdrawn", "filed", "pending"}

func (s Status) String() string { return statusNames[s] }

// Slug is the English URL and open-data name of the status.
func (s Status) Slug() string { return statusSlugs[s] }

// Terminal reports whether the status was set by a 撤销, 吊销 or 注销.
func (s Status) Terminal() bool {
	return s == StatusCancelled || s == StatusRevoked || s == StatusWithdrawn
}

func (s Status) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// TerminalStatus maps a terminal decision to the status it leaves.
func TerminalStatus(t DecisionType) Status {
	switch t {
	case Revocation:
		return StatusRevoked
	case Withdrawal:
		return StatusWithdrawn
	case Cancellation:
		return StatusCancelled
	}
	return 0
}

// CheckResult is the 年度经营情况报告核验 result.
type CheckResult uint8

const (
	CheckPass       CheckResult = iota + 1 // 合格
	CheckFail                              // 不合格
	CheckNoBusiness                        // 无业务: licensed but dispatched no one (有证无遣)
)

// CheckResults lists every result.
var CheckResults = []CheckResult{CheckPass, CheckFail, CheckNoBusiness}

var checkNames = [...]string{"", "合格", "不合格", "无业务"}
var checkSlugs = [...]string{"", "pass", "fail", "no-business"}

func (r CheckResult) String() string { return checkNames[r] }
func (r CheckResult) Slug() string   { return checkSlugs[r] }

func (r CheckResult) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

// ParseCheckResult reads a 核验结果.
func ParseCheckResult(s string) (CheckResult, bool) { return parseName[CheckResult](checkNames[:], s) }

// FailReasons are the 不合格情形 the Guangdong rules list.
var FailReasons = []string{"未报送", "材料严重不符", "弄虚作假", "违规经营", "受到行政处罚", "其他"}

// PolicyStatus is a policy document's 有效性 as of a date.
type PolicyStatus uint8

const (
	PolicyInForce   PolicyStatus = iota + 1 // 现行有效
	PolicyNotYet                            // 尚未施行
	PolicyExpired                           // 已失效
	PolicyAbolished                         // 已废止
	PolicyDraft                             // 征求意见稿: published for comment, never in force
)

// PolicyStatuses lists every status in display order.
var PolicyStatuses = []PolicyStatus{PolicyInForce, PolicyNotYet, PolicyExpired, PolicyAbolished, PolicyDraft}

var policyNames = [...]string{"", "现行有效", "尚未施行", "已失效", "已废止", "征求意见稿"}

func (p PolicyStatus) String() string { return policyNames[p] }

func (p PolicyStatus) MarshalText() ([]byte, error) { return []byte(p.String()), nil }

// TermTolerance is how many days past three years (人社部令第19号) a
// licence period may run before it is taken for an error (a year
// mistyped) rather than a certificate dated a few days after the
// decision.
const TermTolerance = 7
