// k8s-check validates rendered Kubernetes manifests (the output of `helm template`) without a cluster, with the
// apiserver's own libraries at one Kubernetes release (k8s.io/* v0.37.2, Kubernetes 1.37):
//
//   - Built-in kinds (every kind the Kubernetes OpenAPI defines: Deployment, Service, Ingress, HorizontalPodAutoscaler,
//     ...): strict decoding into the typed k8s.io/api structs, as the apiserver decodes a request with
//     fieldValidation=Strict, kubectl's default (unknown and duplicate fields, wrong types); the kind's schema in
//     Kubernetes' published OpenAPI v3 documents (api/openapi-spec/v3 of k8s.io/kubernetes: types, required fields,
//     formats such as base64 Secret data), $refs inlined by the resolver ValidatingAdmissionPolicy uses and checked by
//     the validator the apiserver runs for custom resources; the apiserver's ObjectMeta rules (name format, labels,
//     annotations; the namespace when set).
//   - Custom resources (kinds of the -crd files): what the apiserver's custom resource handler does on create with
//     fieldValidation=Strict: unknown fields (what structural pruning drops) are errors, nulls pruned and defaults
//     applied, then the version's openAPIV3Schema, metadata, embedded resources, x-kubernetes-list-type invariants
//     and the x-kubernetes-validations CEL rules (apiextensions-apiserver's cel package and cost limits). A version
//     the CRD does not serve is an error.
//   - The Pod Security Standard "restricted" (latest) for every pod spec (Pod; the pod template of Deployment,
//     StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, PodTemplate), with the PodSecurity
//     admission plugin's extractor and checks.
//
// Helm hooks are checked like any other object. A kind neither built in nor defined by a -crd file is an error, as is
// a manifest without any object (an empty render).
//
// Not checked, precisely:
//   - The apiserver's semantic validation of built-in kinds (k8s.io/kubernetes/pkg/apis/*/validation): e.g. a Service
//     without ports, a selector that does not match its template's labels, duplicate container names, enum values
//     such as imagePullPolicy or a Service's type (the published OpenAPI lists no enums), per-kind name limits (a
//     CronJob's 52 characters). That code is in k8s.io/kubernetes, whose go.mod requires k8s.io/api v0.0.0 and
//     replaces it and every other staging module with ./staging/...: requiring it would mean copying those replace
//     directives, so it is not imported.
//   - Defaulting of built-in kinds; admission other than PodSecurity; anything needing a cluster (namespaces,
//     quotas, RBAC, references between objects, the CRDs installed); CEL transition rules (oldSelf: this is a create).
//   - After a wrong type in a built-in object, typed decoding stops, as in the apiserver: that object's unknown fields
//     and PodSecurity are reported once the type is fixed (its schema errors are all reported at once).
//   - apiregistration.k8s.io APIService has a schema but no Go type in client-go's scheme: schema checks only.
//   - A CustomResourceDefinition in the manifests is validated as an object, but does not define kinds for the
//     others: pass CRD files with -crd.
//
// Usage: k8s-check -openapi DIR [-crd FILE_OR_DIR]... MANIFEST...   (flags first; MANIFEST "-" is standard input)
//
// -openapi is k8s.io/kubernetes' api/openapi-spec (or its v3); -crd may repeat, a directory is read recursively
// (*.yaml, *.yml, *.json; documents other than CRDs skipped). Output: a "MANIFEST: doc N Kind/name: problem" line per
// problem (N counts the stream's documents from 1, empty ones included) and exit 1; else a one-line summary (objects
// per kind, the OpenAPI, k8s.io/api and CRD versions used) and exit 0; exit 2 for usage and schema loading errors.
//
// Schemas: install-tools.sh downloads k8s.io/kubernetes and the CRDs of CloudNativePG (github.com/cloudnative-pg/
// cloudnative-pg, config/crd/bases), its Barman Cloud plugin (ObjectStore) and the Prometheus operator (ServiceMonitor,
// PodMonitor, ...) at the versions.env pins with `go mod download` (the proxy's module zips), and writes bin/k8s-check,
// a wrapper passing -openapi and -crd with their directories in Go's module cache: nothing is fetched at check time,
// and further -crd arguments add to them. The tests find the same directories
// through `go env GOMODCACHE` and versions.env, and fail when they are missing.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
)

type paths []string

func (p *paths) String() string     { return fmt.Sprint(*p) }
func (p *paths) Set(s string) error { *p = append(*p, s); return nil }

func main() {
	var crdPaths paths
	openapi := flag.String("openapi", "", "Kubernetes' api/openapi-spec directory (k8s.io/kubernetes module)")
	flag.Var(&crdPaths, "crd", "a CustomResourceDefinition file, or a directory of them (repeatable)")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: k8s-check -openapi DIR [-crd FILE_OR_DIR]... MANIFEST...")
		flag.PrintDefaults()
	}
	flag.Parse()
	if *openapi == "" || flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}
	c, err := newChecker(*openapi, crdPaths)
	if err != nil {
		fmt.Fprintln(os.Stderr, "k8s-check:", err)
		os.Exit(2)
	}
	var problems []string
	for _, name := range flag.Args() {
		var r io.Reader = os.Stdin
		if name != "-" {
			f, err := os.Open(name)
			if err != nil {
				fmt.Fprintln(os.Stderr, "k8s-check:", err)
				os.Exit(2)
			}
			defer f.Close()
			r = f
		}
		problems = append(problems, c.checkStream(name, r)...)
	}
	for _, p := range problems {
		fmt.Println(p)
	}
	if len(problems) > 0 {
		fmt.Fprintf(os.Stderr, "k8s-check: %d problems\n", len(problems))
		os.Exit(1)
	}
	fmt.Println("k8s-check:", c.summary())
}
