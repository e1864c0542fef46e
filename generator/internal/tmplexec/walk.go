package tmplexec

import (
	"reflect"
	"text/template/parse"
)

// eachNode calls enter on n and on every node below it, parents first, and
// leave (when not nil) once a node's children are done.
func eachNode(n parse.Node, enter, leave func(parse.Node)) {
	if n == nil || reflect.ValueOf(n).IsNil() {
		return
	}
	enter(n)
	each := func(ns ...parse.Node) {
		for _, c := range ns {
			eachNode(c, enter, leave)
		}
	}
	switch n := n.(type) {
	case *parse.ListNode:
		each(n.Nodes...)
	case *parse.ActionNode:
		each(n.Pipe)
	case *parse.PipeNode:
		for _, c := range n.Cmds {
			each(c)
		}
	case *parse.CommandNode:
		each(n.Args...)
	case *parse.ChainNode:
		each(n.Node)
	case *parse.IfNode:
		each(n.Pipe, n.List, n.ElseList)
	case *parse.RangeNode:
		each(n.Pipe, n.List, n.ElseList)
	case *parse.WithNode:
		each(n.Pipe, n.List, n.ElseList)
	case *parse.TemplateNode:
		each(n.Pipe)
	}
	if leave != nil {
		leave(n)
	}
}
