package main

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"sigs.k8s.io/yaml"
)

// schemaDirs finds the schemas install-tools.sh downloads, at the versions it pins, in Go's module cache. Missing
// schemas fail the tests: without them no check would run.
func schemaDirs(t *testing.T) (openapi, crds string) {
	t.Helper()
	pins, err := os.ReadFile("../versions.env")
	if err != nil {
		t.Fatal(err)
	}
	pin := func(name string) string {
		m := regexp.MustCompile(`(?m)^` + name + `=(\S+)`).FindSubmatch(pins)
		if m == nil {
			t.Fatalf("versions.env has no %s", name)
		}
		return string(m[1])
	}
	out, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		t.Fatal(err)
	}
	cache := strings.TrimSpace(string(out))
	openapi = filepath.Join(cache, "k8s.io/kubernetes@"+pin("KUBERNETES_VERSION"), "api/openapi-spec")
	crds = filepath.Join(cache, "github.com/cloudnative-pg/cloudnative-pg@"+pin("CNPG_VERSION"), "config/crd/bases")
	for _, dir := range []string{openapi, crds} {
		if _, err := os.Stat(dir); err != nil {
			t.Fatalf("%v: run conformance/install-tools.sh, which downloads the schemas into Go's module cache", err)
		}
	}
	return openapi, crds
}

func newTestChecker(t *testing.T) *checker {
	t.Helper()
	openapi, crds := schemaDirs(t)
	c, err := newChecker(openapi, []string{crds})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestValidManifestsPass(t *testing.T) {
	c := newTestChecker(t)
	f, err := os.Open("testdata/valid.yaml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if problems := c.checkStream("valid.yaml", f); len(problems) > 0 {
		t.Fatalf("problems:\n%s", strings.Join(problems, "\n"))
	}
	summary := c.summary()
	for _, want := range []string{"12 objects valid", "Deployment 1", "Cluster 1", "kubernetes@v1.37.2", "k8s.io/api v0.37.2",
		"clusters.postgresql.cnpg.io v1 (cloudnative-pg@v1.30.1)", "restricted:latest"} {
		if !strings.Contains(summary, want) {
			t.Errorf("summary %q lacks %q", summary, want)
		}
	}
}

// Each mutation of the valid manifests must be refused with its reason: no check passes vacuously.
func TestMutationsAreRefused(t *testing.T) {
	cases := map[string]struct {
		mutate func(objects map[string]map[string]any)
		want   []string
	}{
		"unknown container field": {func(o map[string]map[string]any) {
			container(o, "Deployment/shop")["bogus"] = true
		}, []string{`doc 7 Deployment/shop: unknown field "spec.template.spec.containers[0].bogus"`}},
		"string port": {func(o map[string]map[string]any) {
			container(o, "Deployment/shop")["ports"].([]any)[0].(map[string]any)["containerPort"] = "http"
		}, []string{
			"cannot unmarshal string into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32",
			`spec.template.spec.containers[0].ports[0].containerPort in body must be of type integer: "string"`,
		}},
		"service port without port": {func(o map[string]map[string]any) {
			delete(at(o, "Service/shop", "spec", "ports").([]any)[0].(map[string]any), "port")
		}, []string{"Service/shop: spec.ports[0].port: Required value"}},
		"deployment without selector": {func(o map[string]map[string]any) {
			delete(at(o, "Deployment/shop", "spec").(map[string]any), "selector")
		}, []string{"Deployment/shop: spec.selector: Required value"}},
		"duplicate key": {nil, []string{`doc 7 Deployment/shop: invalid YAML: yaml: unmarshal errors: line 12: key "revisionHistoryLimit" already set`}},
		"secret not base64": {func(o map[string]map[string]any) {
			o["Secret/shop-app"]["data"] = map[string]any{"KEY": "not base64!"}
		}, []string{"Secret/shop-app: illegal base64 data", `data.KEY in body must be of type byte`}},
		"label value": {func(o map[string]map[string]any) {
			at(o, "Deployment/shop", "metadata", "labels").(map[string]any)["app.kubernetes.io/version"] = "1.0 beta"
		}, []string{`Deployment/shop: metadata.labels: Invalid value: "1.0 beta"`}},
		"service name": {func(o map[string]map[string]any) {
			at(o, "Service/shop", "metadata").(map[string]any)["name"] = "shop.web"
		}, []string{`Service/shop.web: metadata.name: Invalid value: "shop.web": a DNS-1035 label`}},
		"privilege escalation": {func(o map[string]map[string]any) {
			container(o, "Deployment/shop")["securityContext"].(map[string]any)["allowPrivilegeEscalation"] = true
		}, []string{`Deployment/shop: PodSecurity "restricted:latest": allowPrivilegeEscalation != false (container "app" must set securityContext.allowPrivilegeEscalation=false)`}},
		"root allowed": {func(o map[string]map[string]any) {
			delete(at(o, "Deployment/shop", "spec", "template", "spec", "securityContext").(map[string]any), "runAsNonRoot")
		}, []string{`Deployment/shop: PodSecurity "restricted:latest": runAsNonRoot != true`}},
		"no seccomp profile": {func(o map[string]map[string]any) {
			delete(at(o, "Job/shop-migrate", "spec", "template", "spec", "securityContext").(map[string]any), "seccompProfile")
		}, []string{`Job/shop-migrate: PodSecurity "restricted:latest": seccompProfile (pod or container "migrate" must set securityContext.seccompProfile.type`}},
		"capabilities kept": {func(o map[string]map[string]any) {
			delete(container(o, "Job/shop-migrate")["securityContext"].(map[string]any), "capabilities")
		}, []string{`Job/shop-migrate: PodSecurity "restricted:latest": unrestricted capabilities`}},
		"unknown cluster field": {func(o map[string]map[string]any) {
			at(o, "Cluster/shop-db", "spec").(map[string]any)["replicas"] = 3
		}, []string{`doc 13 Cluster/shop-db: unknown field "spec.replicas"`}},
		"unknown nested cluster field": {func(o map[string]map[string]any) {
			at(o, "Cluster/shop-db", "spec", "storage").(map[string]any)["sizeGi"] = 10
		}, []string{`Cluster/shop-db: unknown field "spec.storage.sizeGi"`}},
		"instances as a word": {func(o map[string]map[string]any) {
			at(o, "Cluster/shop-db", "spec").(map[string]any)["instances"] = "three"
		}, []string{`Cluster/shop-db: spec.instances: Invalid value: "string": spec.instances in body must be of type integer: "string"`}},
		"no instances": {func(o map[string]map[string]any) {
			at(o, "Cluster/shop-db", "spec").(map[string]any)["instances"] = 0
		}, []string{`Cluster/shop-db: spec.instances: Invalid value: 0: spec.instances in body should be greater than or equal to 1`}},
		"cel rule": {func(o map[string]map[string]any) {
			at(o, "Cluster/shop-db", "spec").(map[string]any)["imageCatalogRef"] = map[string]any{
				"apiGroup": "postgresql.cnpg.io", "kind": "ImageCatalog", "name": "postgresql", "major": 18}
		}, []string{`Cluster/shop-db: spec: Invalid value: imageName and imageCatalogRef are mutually exclusive`}},
		"scheduled backup method": {func(o map[string]map[string]any) {
			at(o, "ScheduledBackup/shop-db-daily", "spec").(map[string]any)["method"] = "snapshot"
		}, []string{`ScheduledBackup/shop-db-daily: spec.method: Unsupported value: "snapshot"`}},
		"unserved version": {func(o map[string]map[string]any) {
			o["Cluster/shop-db"]["apiVersion"] = "postgresql.cnpg.io/v2"
		}, []string{`Cluster/shop-db: version v2 is not served by CRD clusters.postgresql.cnpg.io`}},
		"unknown kind": {func(o map[string]map[string]any) {
			o["ConfigMap/shop-pg-queries"]["apiVersion"] = "example.com/v1"
			o["ConfigMap/shop-pg-queries"]["kind"] = "Frobnicator"
		}, []string{`Frobnicator/shop-pg-queries: no schema for example.com/v1 Frobnicator`}},
		"removed api version": {func(o map[string]map[string]any) {
			o["HorizontalPodAutoscaler/shop"]["apiVersion"] = "autoscaling/v2beta2"
		}, []string{`HorizontalPodAutoscaler/shop: no schema for autoscaling/v2beta2 HorizontalPodAutoscaler`}},
	}
	c := newTestChecker(t)
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			var manifests []byte
			if tc.mutate == nil {
				manifests = duplicateKey(t)
			} else {
				manifests = mutated(t, tc.mutate)
			}
			problems := strings.Join(c.checkStream("m.yaml", bytes.NewReader(manifests)), "\n")
			for _, want := range tc.want {
				if !strings.Contains(problems, want) {
					t.Errorf("no problem %q among:\n%s", want, problems)
				}
			}
		})
	}
}

func TestEmptyRenderIsRefused(t *testing.T) {
	c := newTestChecker(t)
	problems := c.checkStream("empty.yaml", strings.NewReader("---\n# Source: shop/templates/empty.yaml\n---\n"))
	if strings.Join(problems, "\n") != "empty.yaml: no Kubernetes objects" {
		t.Errorf("problems: %q", problems)
	}
}

func TestMissingSchemasAreErrors(t *testing.T) {
	openapi, crds := schemaDirs(t)
	if _, err := newChecker(t.TempDir(), []string{crds}); err == nil || !strings.Contains(err.Error(), "not Kubernetes' api/openapi-spec") {
		t.Errorf("empty -openapi directory: %v", err)
	}
	if _, err := newChecker(openapi, []string{"testdata"}); err == nil || !strings.Contains(err.Error(), "no apiextensions.k8s.io/v1 CustomResourceDefinition") {
		t.Errorf("-crd without CRDs: %v", err)
	}
}

// mutated renders testdata/valid.yaml after mutate changed its objects (by "Kind/name"), keeping the documents'
// order and empty documents, so that problems name the same document numbers.
func mutated(t *testing.T, mutate func(map[string]map[string]any)) []byte {
	t.Helper()
	docs := validDocuments(t)
	objects := map[string]map[string]any{}
	var order []map[string]any
	for _, doc := range docs {
		var obj map[string]any
		if err := yaml.Unmarshal(doc, &obj); err != nil {
			t.Fatal(err)
		}
		order = append(order, obj)
		if obj != nil {
			objects[obj["kind"].(string)+"/"+obj["metadata"].(map[string]any)["name"].(string)] = obj
		}
	}
	mutate(objects)
	var out bytes.Buffer
	for _, obj := range order {
		if obj == nil {
			out.WriteString("---\n# empty\n") // a separator alone would not count as a document
			continue
		}
		out.WriteString("---\n")
		data, err := yaml.Marshal(obj)
		if err != nil {
			t.Fatal(err)
		}
		out.Write(data)
	}
	return out.Bytes()
}

// duplicateKey gives the valid manifests with a key repeated in the Deployment.
func duplicateKey(t *testing.T) []byte {
	docs := validDocuments(t)
	var out bytes.Buffer
	for _, doc := range docs {
		out.WriteString("---\n")
		out.Write(bytes.Replace(doc, []byte("  revisionHistoryLimit: 3\n"), []byte("  revisionHistoryLimit: 3\n  revisionHistoryLimit: 5\n"), 1))
	}
	return out.Bytes()
}

func validDocuments(t *testing.T) [][]byte {
	t.Helper()
	f, err := os.Open("testdata/valid.yaml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	reader := utilyaml.NewYAMLReader(bufio.NewReader(f))
	var docs [][]byte
	for {
		doc, err := reader.Read()
		if err == io.EOF {
			return docs
		}
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, doc)
	}
}

// at walks down maps from an object's field.
func at(objects map[string]map[string]any, id string, keys ...string) any {
	var v any = objects[id]
	for _, k := range keys {
		v = v.(map[string]any)[k]
	}
	return v
}

func container(objects map[string]map[string]any, id string) map[string]any {
	return at(objects, id, "spec", "template", "spec", "containers").([]any)[0].(map[string]any)
}
