package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// One apiserver for every test: the apiserver's command sets up signal handling once per process.
var shared *cluster

func TestMain(m *testing.M) {
	stderr := os.Stderr
	c, err := start()
	if err != nil {
		stderr.WriteString("apiserver-check tests: " + err.Error() + "\n")
		os.Exit(1)
	}
	shared = c
	code := m.Run()
	c.stop(code == 0)
	os.Exit(code)
}

// operatorCRDs is the Prometheus operator's CRD directory install-tools.sh downloads, at its pin, in Go's module
// cache; missing, the tests fail (without it no custom resource could be created).
func operatorCRDs(t *testing.T) string {
	t.Helper()
	pins, err := os.ReadFile("../versions.env")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^PROMETHEUS_OPERATOR_VERSION=(\S+)`).FindSubmatch(pins)
	if m == nil {
		t.Fatal("versions.env has no PROMETHEUS_OPERATOR_VERSION")
	}
	out, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(strings.TrimSpace(string(out)), "github.com/prometheus-operator/prometheus-operator@"+string(m[1]),
		"example/prometheus-operator-crd")
	if _, err := os.Stat(dir); err != nil {
		t.Fatalf("%v: run conformance/install-tools.sh, which downloads the CRDs into Go's module cache", err)
	}
	return dir
}

var installed bool

func check(t *testing.T, manifest string) []string {
	t.Helper()
	if !installed {
		if n, err := shared.installCRDs([]string{operatorCRDs(t)}); err != nil || n == 0 {
			t.Fatalf("CRDs: %d installed, %v", n, err)
		}
		installed = true
	}
	_, problems, err := shared.create(filepath.Join("testdata", manifest), strings.TrimSuffix(manifest, ".yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return problems
}

func TestAValidManifestIsCreatedWithoutWarning(t *testing.T) {
	if problems := check(t, "valid.yaml"); len(problems) != 0 {
		t.Fatalf("refused: %v", problems)
	}
}

// Each broken manifest must be refused with its reason: what the apiserver checks and k8s-check cannot (semantic
// validation, RBAC, admission) among them.
func TestBrokenManifestsAreRefused(t *testing.T) {
	for manifest, reason := range map[string]string{
		"selector-mismatch.yaml":    "`selector` does not match template `labels`",
		"unknown-field.yaml":        "unknown field",
		"privileged-pod.yaml":       "violates PodSecurity",
		"privileged-template.yaml":  "would violate PodSecurity",
		"bad-enum.yaml":             "Unsupported value",
		"custom-resource.yaml":      "spec.endpoints[0].scheme",
		"rolebinding-no-kind.yaml":  "roleRef.kind",
		"service-without-port.yaml": "spec.ports",
	} {
		t.Run(manifest, func(t *testing.T) {
			problems := check(t, manifest)
			if len(problems) == 0 {
				t.Fatalf("created without a problem; want %q", reason)
			}
			if !strings.Contains(strings.Join(problems, "\n"), reason) {
				t.Fatalf("want %q among %v", reason, problems)
			}
		})
	}
}

func TestAnEmptyManifestIsAnError(t *testing.T) {
	if _, _, err := shared.create(filepath.Join("testdata", "empty.yaml"), "empty"); err == nil {
		t.Fatal("an empty manifest passed")
	}
}
