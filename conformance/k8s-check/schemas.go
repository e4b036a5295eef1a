package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"k8s.io/apiextensions-apiserver/pkg/apihelpers"
	"k8s.io/apiextensions-apiserver/pkg/apis/apiextensions"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	structuralschema "k8s.io/apiextensions-apiserver/pkg/apiserver/schema"
	"k8s.io/apiextensions-apiserver/pkg/apiserver/schema/cel"
	"k8s.io/apiextensions-apiserver/pkg/apiserver/validation"
	"k8s.io/apimachinery/pkg/runtime/schema"
	utiljson "k8s.io/apimachinery/pkg/util/json"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	celconfig "k8s.io/apiserver/pkg/apis/cel"
	"k8s.io/apiserver/pkg/cel/environment"
	"k8s.io/apiserver/pkg/cel/openapi/resolver"
	"k8s.io/kube-openapi/pkg/validation/spec"
	"sigs.k8s.io/yaml"
)

// builtins serves the schemas of the built-in kinds from Kubernetes' published OpenAPI v3 documents
// (api/openapi-spec/v3 in k8s.io/kubernetes: one document per group-version), each read on first use.
type builtins struct {
	dir        string
	source     string // e.g. kubernetes@v1.37.2, for the summary
	docs       map[schema.GroupVersion]*openAPIDoc
	validators map[schema.GroupVersionKind]validation.SchemaValidator
}

type openAPIDoc struct {
	Components struct {
		Schemas map[string]*spec.Schema `json:"schemas"`
	} `json:"components"`
}

func newBuiltins(dir string) (*builtins, error) {
	// Either api/openapi-spec or its v3 directory.
	if info, err := os.Stat(filepath.Join(dir, "v3")); err == nil && info.IsDir() {
		dir = filepath.Join(dir, "v3")
	}
	if _, err := os.Stat(filepath.Join(dir, "api__v1_openapi.json")); err != nil {
		return nil, fmt.Errorf("-openapi %s: not Kubernetes' api/openapi-spec (no v3/api__v1_openapi.json): %w", dir, err)
	}
	return &builtins{dir: dir, source: sourceOf(dir), docs: map[schema.GroupVersion]*openAPIDoc{},
		validators: map[schema.GroupVersionKind]validation.SchemaValidator{}}, nil
}

// validator returns the schema validator of a built-in kind, or nil when this Kubernetes release does not serve it.
func (b *builtins) validator(gvk schema.GroupVersionKind) (validation.SchemaValidator, error) {
	if v, ok := b.validators[gvk]; ok {
		return v, nil
	}
	doc, err := b.doc(gvk.GroupVersion())
	if err != nil || doc == nil {
		return nil, err
	}
	name := ""
	for n, s := range doc.Components.Schemas {
		var gvks []schema.GroupVersionKind
		if err := s.Extensions.GetObject("x-kubernetes-group-version-kind", &gvks); err == nil && slices.Contains(gvks, gvk) {
			name = n
			break
		}
	}
	var v validation.SchemaValidator
	if name != "" {
		// The documents refer to their types by $ref, which kube-openapi's validator does not follow: inline them
		// with the resolver ValidatingAdmissionPolicy uses for the same documents (a cycle becomes an open object).
		s, err := resolver.PopulateRefs(func(ref string) (*spec.Schema, bool) {
			s, ok := doc.Components.Schemas[strings.TrimPrefix(ref, "#/components/schemas/")]
			return s, ok
		}, name)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", gvk, err)
		}
		// The validator the apiserver runs for custom resources, with its formats.
		v = validation.NewSchemaValidatorFromOpenAPI(s)
	}
	b.validators[gvk] = v
	return v, nil
}

func (b *builtins) doc(gv schema.GroupVersion) (*openAPIDoc, error) {
	if doc, ok := b.docs[gv]; ok {
		return doc, nil
	}
	file := "api__" + gv.Version + "_openapi.json"
	if gv.Group != "" {
		file = "apis__" + gv.Group + "__" + gv.Version + "_openapi.json"
	}
	var doc *openAPIDoc
	data, err := os.ReadFile(filepath.Join(b.dir, file))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		// Not a built-in group-version: a custom resource's, or one this release does not serve (any longer).
	case err != nil:
		return nil, err
	default:
		doc = &openAPIDoc{}
		if err := utiljson.Unmarshal(data, doc); err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		// As for a CRD's schema: formats the apiserver does not validate (int-or-string, int32 on a string, ...)
		// are dropped, or kube-openapi's validator would refuse every value of such a field.
		strip := validation.StripUnsupportedFormatsPostProcessorForVersion(environment.DefaultCompatibilityVersion())
		for _, s := range doc.Components.Schemas {
			walkSchema(s, func(s *spec.Schema) { _ = strip(s) })
		}
	}
	b.docs[gv] = doc
	return doc, nil
}

// walkSchema calls f on s and every schema nested in it.
func walkSchema(s *spec.Schema, f func(*spec.Schema)) {
	if s == nil {
		return
	}
	f(s)
	for name, p := range s.Properties {
		walkSchema(&p, f)
		s.Properties[name] = p
	}
	if s.Items != nil {
		walkSchema(s.Items.Schema, f)
		for i := range s.Items.Schemas {
			walkSchema(&s.Items.Schemas[i], f)
		}
	}
	if s.AdditionalProperties != nil {
		walkSchema(s.AdditionalProperties.Schema, f)
	}
	for _, list := range [][]spec.Schema{s.AllOf, s.OneOf, s.AnyOf} {
		for i := range list {
			walkSchema(&list[i], f)
		}
	}
	walkSchema(s.Not, f)
}

// crds holds the custom resource definitions given with -crd, by group and kind.
type crds map[schema.GroupKind]*customKind

type customKind struct {
	crd      *apiextensionsv1.CustomResourceDefinition
	source   string // the file it came from, shortened to module@version when it lies in Go's module cache
	versions map[string]*customVersion
}

// customVersion is what the apiserver's custom resource handler builds for one served version of a CRD.
type customVersion struct {
	structural *structuralschema.Structural
	validator  validation.SchemaValidator
	cel        *cel.Validator // nil when the schema has no x-kubernetes-validations rules
}

// loadCRDs reads every CustomResourceDefinition in the given files and directories (*.yaml, *.yml, *.json, recursively;
// other documents are skipped). A path without any CRD is an error: it is a mistake in the caller's arguments.
func loadCRDs(paths []string) (crds, error) {
	all := crds{}
	for _, root := range paths {
		found := 0
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			if path != root && !slices.Contains([]string{".yaml", ".yml", ".json"}, filepath.Ext(path)) {
				return nil
			}
			n, err := loadCRDFile(path, all)
			found += n
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("-crd %s: %w", root, err)
		}
		if found == 0 {
			return nil, fmt.Errorf("-crd %s: no apiextensions.k8s.io/v1 CustomResourceDefinition there", root)
		}
	}
	return all, nil
}

func loadCRDFile(path string, all crds) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	reader := utilyaml.NewYAMLReader(bufio.NewReader(f))
	found := 0
	for {
		doc, err := reader.Read()
		if err == io.EOF {
			return found, nil
		}
		if err != nil {
			return found, fmt.Errorf("%s: %w", path, err)
		}
		var crd apiextensionsv1.CustomResourceDefinition
		if err := yaml.Unmarshal(doc, &crd); err != nil {
			return found, fmt.Errorf("%s: %w", path, err)
		}
		if crd.APIVersion != "apiextensions.k8s.io/v1" || crd.Kind != "CustomResourceDefinition" {
			continue
		}
		gk := schema.GroupKind{Group: crd.Spec.Group, Kind: crd.Spec.Names.Kind}
		if previous, ok := all[gk]; ok {
			return found, fmt.Errorf("%s: %s is also defined in %s", path, gk, previous.source)
		}
		all[gk] = &customKind{crd: &crd, source: sourceOf(path), versions: map[string]*customVersion{}}
		found++
	}
}

// version builds, on first use, the structural schema, schema validator and CEL validator of a served version, as
// the apiserver's custom resource handler does (customresource_handler.go, registry/customresource/strategy.go).
func (k *customKind) version(name string) (*customVersion, error) {
	if v, ok := k.versions[name]; ok {
		return v, nil
	}
	var served []string
	for _, v := range k.crd.Spec.Versions {
		if v.Served {
			served = append(served, v.Name)
		}
	}
	if !slices.Contains(served, name) {
		return nil, fmt.Errorf("version %s is not served by CRD %s (%s); served: %s", name, k.crd.Name, k.source, strings.Join(served, ", "))
	}
	external, err := apihelpers.GetSchemaForVersion(k.crd, name)
	if err != nil {
		return nil, err
	}
	if external == nil || external.OpenAPIV3Schema == nil {
		return nil, fmt.Errorf("CRD %s (%s) has no schema for version %s", k.crd.Name, k.source, name)
	}
	internal := &apiextensions.CustomResourceValidation{}
	if err := apiextensionsv1.Convert_v1_CustomResourceValidation_To_apiextensions_CustomResourceValidation(external, internal, nil); err != nil {
		return nil, err
	}
	structural, err := structuralschema.NewStructural(internal.OpenAPIV3Schema)
	if err != nil {
		return nil, fmt.Errorf("CRD %s (%s) version %s: %w", k.crd.Name, k.source, name, err)
	}
	validator, _, err := validation.NewSchemaValidator(internal.OpenAPIV3Schema)
	if err != nil {
		return nil, fmt.Errorf("CRD %s (%s) version %s: %w", k.crd.Name, k.source, name, err)
	}
	v := &customVersion{structural: structural, validator: validator,
		cel: cel.NewValidator(structural, true, celconfig.PerCallLimit)}
	k.versions[name] = v
	return v, nil
}

// sourceOf names where a schema came from: its module@version when the path lies in Go's module cache (where
// install-tools.sh downloads the schemas), else the path itself.
func sourceOf(path string) string {
	for _, part := range strings.Split(filepath.ToSlash(path), "/") {
		if strings.Contains(part, "@") {
			return part
		}
	}
	return path
}
