package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"k8s.io/client-go/discovery"
	"k8s.io/client-go/discovery/cached/memory"
	"k8s.io/client-go/restmapper"
)

// warnings collects the Warning headers of the apiserver's answers (PodSecurity's among them).
type warnings struct {
	mu   sync.Mutex
	seen []string
}

func (w *warnings) HandleWarningHeader(code int, agent, text string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.seen = append(w.seen, text)
}

func (w *warnings) take() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	taken := w.seen
	w.seen = nil
	return taken
}

var crdKind = schema.GroupVersionKind{Group: "apiextensions.k8s.io", Version: "v1", Kind: "CustomResourceDefinition"}

// installCRDs creates every CustomResourceDefinition of the files and directories and waits until each is Established.
func (c *cluster) installCRDs(paths []string) (int, error) {
	client, err := c.dynamic()
	if err != nil {
		return 0, err
	}
	resource := schema.GroupVersionResource{Group: crdKind.Group, Version: crdKind.Version, Resource: "customresourcedefinitions"}
	var names []string
	for _, path := range paths {
		files, err := yamlFiles(path)
		if err != nil {
			return 0, err
		}
		for _, file := range files {
			objects, err := decode(file)
			if err != nil {
				return 0, err
			}
			for _, object := range objects {
				if object.GroupVersionKind() != crdKind {
					continue
				}
				if _, err := client.Resource(resource).Create(context.Background(), object, metav1.CreateOptions{}); err != nil {
					return 0, fmt.Errorf("CRD %s of %s refused: %w", object.GetName(), file, err)
				}
				names = append(names, object.GetName())
			}
		}
	}
	c.warnings.take()
	deadline := time.Now().Add(60 * time.Second)
	for _, name := range names {
		for {
			crd, err := client.Resource(resource).Get(context.Background(), name, metav1.GetOptions{})
			if err == nil && established(crd) {
				break
			}
			if time.Now().After(deadline) {
				return 0, fmt.Errorf("CRD %s not Established within 60 s", name)
			}
			time.Sleep(200 * time.Millisecond)
		}
	}
	return len(names), nil
}

func established(crd *unstructured.Unstructured) bool {
	conditions, _, _ := unstructured.NestedSlice(crd.Object, "status", "conditions")
	for _, condition := range conditions {
		if m, ok := condition.(map[string]any); ok && m["type"] == "Established" && m["status"] == "True" {
			return true
		}
	}
	return false
}

// create makes a namespace for the manifest (restricted Pod Security, its default ServiceAccount) and creates each of
// its objects there, in order. Returns the objects created per kind and one line per refusal or warning.
func (c *cluster) create(manifest, namespace string) (map[string]int, []string, error) {
	objects, err := decode(manifest)
	if err != nil {
		return nil, nil, err
	}
	if len(objects) == 0 {
		return nil, nil, errors.New("no object in the manifest")
	}
	client, err := c.dynamic()
	if err != nil {
		return nil, nil, err
	}
	discoveryClient, err := discovery.NewDiscoveryClientForConfig(c.config)
	if err != nil {
		return nil, nil, err
	}
	mapper := restmapper.NewDeferredDiscoveryRESTMapper(memory.NewMemCacheClient(discoveryClient))
	ctx := context.Background()
	setup := []*unstructured.Unstructured{
		{Object: map[string]any{"apiVersion": "v1", "kind": "Namespace", "metadata": map[string]any{"name": namespace,
			"labels": map[string]any{"pod-security.kubernetes.io/enforce": "restricted", "pod-security.kubernetes.io/warn": "restricted"}}}},
		{Object: map[string]any{"apiVersion": "v1", "kind": "ServiceAccount", "metadata": map[string]any{"name": "default", "namespace": namespace}}},
	}
	for _, object := range setup {
		gvr := schema.GroupVersionResource{Version: "v1", Resource: strings.ToLower(object.GetKind()) + "s"}
		var err error
		if object.GetNamespace() == "" {
			_, err = client.Resource(gvr).Create(ctx, object, metav1.CreateOptions{})
		} else {
			_, err = client.Resource(gvr).Namespace(namespace).Create(ctx, object, metav1.CreateOptions{})
		}
		if err != nil {
			return nil, nil, fmt.Errorf("setting up namespace %s: %w", namespace, err)
		}
	}
	c.warnings.take()
	kinds := map[string]int{}
	var problems []string
	for _, object := range objects {
		where := object.GetKind() + "/" + object.GetName()
		mapping, err := mapper.RESTMapping(object.GroupVersionKind().GroupKind(), object.GroupVersionKind().Version)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: the apiserver serves no such kind: %v", where, err))
			continue
		}
		options := metav1.CreateOptions{FieldValidation: "Strict"}
		if mapping.Scope.Name() == meta.RESTScopeNameNamespace {
			object.SetNamespace(namespace)
			_, err = client.Resource(mapping.Resource).Namespace(namespace).Create(ctx, object, options)
		} else {
			_, err = client.Resource(mapping.Resource).Create(ctx, object, options)
		}
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: refused: %v", where, err))
		} else {
			kinds[object.GetKind()]++
		}
		for _, warning := range c.warnings.take() {
			problems = append(problems, fmt.Sprintf("%s: warning: %s", where, warning))
		}
	}
	return kinds, problems, nil
}

// decode reads every non-empty document of a YAML or JSON stream as an object.
func decode(path string) ([]*unstructured.Unstructured, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	reader := utilyaml.NewYAMLOrJSONDecoder(bytes.NewReader(data), 4096)
	var objects []*unstructured.Unstructured
	for document := 1; ; document++ {
		var object map[string]any
		if err := reader.Decode(&object); err != nil {
			if errors.Is(err, io.EOF) {
				return objects, nil
			}
			return nil, fmt.Errorf("%s: document %d: %w", path, document, err)
		}
		if len(object) > 0 {
			objects = append(objects, &unstructured.Unstructured{Object: object})
		}
	}
}

// yamlFiles is the file itself, or a directory's *.yaml, *.yml and *.json files, recursively, sorted.
func yamlFiles(path string) ([]string, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return []string{path}, nil
	}
	var files []string
	err = filepath.WalkDir(path, func(file string, entry fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		switch filepath.Ext(file) {
		case ".yaml", ".yml", ".json":
			if !entry.IsDir() {
				files = append(files, file)
			}
		}
		return nil
	})
	sort.Strings(files)
	return files, err
}

// summary is "31 objects (Deployment 2, Service 4, ...)".
func summary(kinds map[string]int) string {
	names := make([]string, 0, len(kinds))
	total := 0
	for kind, n := range kinds {
		names = append(names, fmt.Sprintf("%s %d", kind, n))
		total += n
	}
	sort.Strings(names)
	return fmt.Sprintf("%d objects (%s)", total, strings.Join(names, ", "))
}
