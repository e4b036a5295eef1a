package main

import (
	"os"
	"strings"
	"testing"
)

func valid(t *testing.T) string {
	data, err := os.ReadFile("testdata/config.alloy")
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestValidConfigPasses(t *testing.T) {
	if problems := check("config.alloy", []byte(valid(t))); len(problems) > 0 {
		t.Fatalf("problems: %v", problems)
	}
}

// Each edit of the valid file must be refused with its reason: the checks cannot pass vacuously.
func TestBrokenConfigsAreRefused(t *testing.T) {
	cases := map[string]struct{ old, new, reason string }{
		"spaces for tabs":      {"\thost = \"unix", "  host = \"unix", "not formatted"},
		"syntax error":         {"loki.write \"loki\" {", "loki.write \"loki\" {{", "expected"},
		"unknown attribute":    {"\tforward_to = [loki.write.loki.receiver]", "\tforward_to = [loki.write.loki.receiver]\n\tbatch     = 1", `unrecognized attribute name "batch"`},
		"unknown block":        {"stage.labels {", "stage.label {", `unrecognized block name "stage.label"`},
		"missing required":     {"\t\turl = \"http://loki:3100/loki/api/v1/push\"\n", "", `missing required attribute "url"`},
		"unknown component":    {"loki.write \"loki\"", "loki.writer \"loki\"", "not a component this checker knows"},
		"undeclared reference": {"[loki.write.loki.receiver]", "[loki.write.other.receiver]", "not declared"},
		"missing export":       {"discovery.docker.containers.targets", "discovery.docker.containers.output", `no export "output"`},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			text := valid(t)
			if !strings.Contains(text, c.old) {
				t.Fatalf("the valid file lacks %q", c.old)
			}
			problems := check("config.alloy", []byte(strings.Replace(text, c.old, c.new, 1)))
			if joined := strings.Join(problems, "\n"); !strings.Contains(joined, c.reason) {
				t.Fatalf("want a problem containing %q, got:\n%s", c.reason, joined)
			}
		})
	}
}
