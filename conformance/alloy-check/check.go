package main

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/grafana/alloy/syntax/ast"
	"github.com/grafana/alloy/syntax/parser"
	"github.com/grafana/alloy/syntax/printer"
)

func components(data []byte) int {
	file, err := parser.ParseFile("", data)
	if err != nil {
		return 0
	}
	return len(file.Body)
}

func check(name string, data []byte) []string {
	file, err := parser.ParseFile(name, data)
	if err != nil {
		return []string{err.Error()}
	}
	var problems []string
	// What alloy fmt --test does: print the parsed file, plus the final newline, and compare.
	var printed bytes.Buffer
	if err := printer.Fprint(&printed, file); err != nil {
		return []string{err.Error()}
	}
	printed.WriteByte('\n')
	if !bytes.Equal(printed.Bytes(), data) {
		problems = append(problems, fmt.Sprintf("%s: not formatted as alloy fmt writes it:\n%s", name, printed.String()))
	}
	declared := map[string]*schema{}
	for _, stmt := range file.Body {
		block, ok := stmt.(*ast.BlockStmt)
		if !ok {
			problems = append(problems, fmt.Sprintf("%s: a top-level attribute: Alloy's top level holds blocks only", name))
			continue
		}
		component := strings.Join(block.Name, ".")
		s, known := componentSchemas[component]
		if !known {
			problems = append(problems, fmt.Sprintf("%s: %s: not a component this checker knows", name, component))
			continue
		}
		if block.Label == "" {
			problems = append(problems, fmt.Sprintf("%s: %s needs a label", name, component))
		}
		id := component + "." + block.Label
		if _, dup := declared[id]; dup {
			problems = append(problems, fmt.Sprintf("%s: %s %q declared twice", name, component, block.Label))
		}
		declared[id] = s
		problems = append(problems, body(name, id, block.Body, s)...)
	}
	problems = append(problems, references(name, file, declared)...)
	return problems
}

func body(file, where string, stmts ast.Body, s *schema) []string {
	var problems []string
	set := map[string]bool{}
	for _, stmt := range stmts {
		switch n := stmt.(type) {
		case *ast.AttributeStmt:
			attribute := n.Name.Name
			if set[attribute] {
				problems = append(problems, fmt.Sprintf("%s: %s: %s set twice", file, where, attribute))
			}
			set[attribute] = true
			if !slices.Contains(s.required, attribute) && !slices.Contains(s.optional, attribute) {
				problems = append(problems, fmt.Sprintf("%s: %s: unrecognized attribute name %q", file, where, attribute))
			}
		case *ast.BlockStmt:
			inner := strings.Join(n.Name, ".")
			nested, ok := s.blocks[inner]
			if !ok {
				problems = append(problems, fmt.Sprintf("%s: %s: unrecognized block name %q", file, where, inner))
				continue
			}
			problems = append(problems, body(file, where+" > "+inner, n.Body, nested)...)
		}
	}
	for _, attribute := range s.required {
		if !set[attribute] {
			problems = append(problems, fmt.Sprintf("%s: %s: missing required attribute %q", file, where, attribute))
		}
	}
	return problems
}

// references checks every access chain that starts at a component's name (loki.write.x.receiver): the component is
// declared and has that export.
type visitor struct {
	file     string
	declared map[string]*schema
	problems *[]string
}

func (v visitor) Visit(node ast.Node) ast.Visitor {
	access, ok := node.(*ast.AccessExpr)
	if !ok {
		return v
	}
	path := chain(access)
	if len(path) < 2 {
		return v
	}
	// The longest declared prefix names the component; what follows is its export.
	for i := len(path) - 1; i >= 1; i-- {
		if s, found := v.declared[strings.Join(path[:i], ".")]; found {
			if !slices.Contains(s.exports, path[i]) {
				*v.problems = append(*v.problems, fmt.Sprintf("%s: %s has no export %q", v.file, strings.Join(path[:i], "."), path[i]))
			}
			return nil
		}
	}
	for component := range componentSchemas {
		if strings.HasPrefix(strings.Join(path, "."), component+".") {
			*v.problems = append(*v.problems, fmt.Sprintf("%s: %s refers to a component not declared", v.file, strings.Join(path, ".")))
			return nil
		}
	}
	return nil
}

func chain(expr ast.Expr) []string {
	switch n := expr.(type) {
	case *ast.AccessExpr:
		return append(chain(n.Value), n.Name.Name)
	case *ast.IdentifierExpr:
		return []string{n.Ident.Name}
	}
	return nil
}

func references(file string, parsed *ast.File, declared map[string]*schema) []string {
	var problems []string
	ast.Walk(visitor{file, declared, &problems}, parsed)
	return problems
}
