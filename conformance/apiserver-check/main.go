// apiserver-check creates rendered Kubernetes manifests (the output of `helm template`) in a real kube-apiserver:
// Kubernetes' own, built from the k8s.io/kubernetes module at one release (v1.37.2, the release k8s-check's schemas
// are), run in this process against an embedded etcd (go.etcd.io/etcd/server/v3/embed at the version Kubernetes
// requires), on loopback ports chosen at start. Nothing but the apiserver runs: no controller, scheduler or kubelet,
// so objects are stored, never acted on.
//
// What it adds to k8s-check: everything the apiserver does on a create, for real. The semantic validation of built-in
// kinds (k8s.io/kubernetes/pkg/apis/*/validation: a selector that does not match its template, enum values, name
// limits, port and probe rules, ...), defaulting, strict field validation (fieldValidation=Strict), the CRDs' schemas
// with their CEL rules as the apiserver serves them once installed (each -crd file is created and must become
// Established), RBAC's rules on Roles and RoleBindings, and admission with the default plugins (NamespaceLifecycle,
// ServiceAccount, PodSecurity, ...). Each manifest goes into a namespace of its own labelled for the restricted Pod
// Security Standard (enforce and warn): a Pod that breaks it is refused; a workload's pod template that breaks it
// comes back as a warning, and every warning the apiserver returns is reported as a problem. The namespace's "default"
// ServiceAccount, which the controller manager would create, is created first. Objects are created in the order of
// the manifest (Helm's install order, hooks last), each object's namespace set to the manifest's own.
//
// Not checked: anything a controller or a node does (pods scheduled, images pulled, a Job run, CloudNativePG's and the
// Prometheus operator's reconciliation), and admission webhooks of operators (none is installed).
//
// Usage: apiserver-check [-crd FILE_OR_DIR]... MANIFEST...   (flags first)
//
// Output: a "MANIFEST: Kind/name: problem" line per problem and exit 1; else one summary line (objects per kind, the
// apiserver's version) and exit 0; exit 2 when the apiserver or etcd does not start or a CRD is refused. The
// apiserver's and etcd's own log go to a file in the scratch directory, named on failure.
package main

import (
	"flag"
	"fmt"
	"os"
)

type paths []string

func (p *paths) String() string     { return fmt.Sprint(*p) }
func (p *paths) Set(s string) error { *p = append(*p, s); return nil }

func main() {
	var crdPaths paths
	flag.Var(&crdPaths, "crd", "a CustomResourceDefinition file, or a directory of them (repeatable)")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: apiserver-check [-crd FILE_OR_DIR]... MANIFEST...")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}
	os.Exit(run(crdPaths, flag.Args()))
}

func run(crdPaths, manifests []string) int {
	cluster, err := start()
	if err != nil {
		fmt.Fprintln(os.Stdout, "apiserver-check:", err)
		return 2
	}
	crds, err := cluster.installCRDs(crdPaths)
	if err != nil {
		fmt.Fprintln(os.Stdout, "apiserver-check:", err, "(log:", cluster.logPath+")")
		cluster.stop(false)
		return 2
	}
	total := map[string]int{}
	failed := false
	for i, manifest := range manifests {
		kinds, problems, err := cluster.create(manifest, fmt.Sprintf("check-%d", i+1))
		if err != nil {
			fmt.Fprintf(os.Stdout, "%s: %v\n", manifest, err)
			failed = true
			continue
		}
		for _, problem := range problems {
			fmt.Fprintf(os.Stdout, "%s: %s\n", manifest, problem)
			failed = true
		}
		for kind, n := range kinds {
			total[kind] += n
		}
	}
	// The scratch directory (etcd's data, the log) stays behind a failure, for its log.
	cluster.stop(!failed)
	if failed {
		fmt.Fprintln(os.Stdout, "apiserver-check: the apiserver's log:", cluster.logPath)
		return 1
	}
	fmt.Fprintf(os.Stdout, "apiserver-check: %s created in kube-apiserver %s (etcd %s, %d CRDs installed); no warning\n",
		summary(total), cluster.version, etcdVersion(), crds)
	return 0
}
