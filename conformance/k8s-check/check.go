package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"maps"
	"runtime/debug"
	"slices"
	"strings"

	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	structuralschema "k8s.io/apiextensions-apiserver/pkg/apiserver/schema"
	structuraldefaulting "k8s.io/apiextensions-apiserver/pkg/apiserver/schema/defaulting"
	structurallisttype "k8s.io/apiextensions-apiserver/pkg/apiserver/schema/listtype"
	schemaobjectmeta "k8s.io/apiextensions-apiserver/pkg/apiserver/schema/objectmeta"
	structuralpruning "k8s.io/apiextensions-apiserver/pkg/apiserver/schema/pruning"
	"k8s.io/apiextensions-apiserver/pkg/apiserver/validation"
	apivalidation "k8s.io/apimachinery/pkg/api/validation"
	"k8s.io/apimachinery/pkg/api/validation/path"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/runtime/serializer/json"
	utiljson "k8s.io/apimachinery/pkg/util/json"
	"k8s.io/apimachinery/pkg/util/validation/field"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	celconfig "k8s.io/apiserver/pkg/apis/cel"
	clientgoscheme "k8s.io/client-go/kubernetes/scheme"
	"k8s.io/pod-security-admission/admission"
	psapi "k8s.io/pod-security-admission/api"
	"k8s.io/pod-security-admission/policy"
	"sigs.k8s.io/yaml"
)

type checker struct {
	builtins *builtins
	crds     crds
	// Strict decoding into the typed structs, as the apiserver decodes a request with fieldValidation=Strict.
	scheme  *runtime.Scheme
	decoder runtime.Decoder
	pss     policy.Evaluator
	level   psapi.LevelVersion
	// For the summary: objects per kind, and the CRDs used.
	kinds    map[string]int
	usedCRDs map[string]bool
}

func newChecker(openapiDir string, crdPaths []string) (*checker, error) {
	b, err := newBuiltins(openapiDir)
	if err != nil {
		return nil, err
	}
	c, err := loadCRDs(crdPaths)
	if err != nil {
		return nil, err
	}
	scheme := runtime.NewScheme()
	// client-go's scheme is every built-in group-version of k8s.io/api; CustomResourceDefinition is apiextensions'.
	if err := clientgoscheme.AddToScheme(scheme); err != nil {
		return nil, err
	}
	if err := apiextensionsv1.AddToScheme(scheme); err != nil {
		return nil, err
	}
	pss, err := policy.NewEvaluator(policy.DefaultChecks(), nil)
	if err != nil {
		return nil, err
	}
	return &checker{builtins: b, crds: c, scheme: scheme,
		decoder: json.NewSerializerWithOptions(json.DefaultMetaFactory, scheme, scheme, json.SerializerOptions{Strict: true}),
		pss:     pss, level: psapi.LevelVersion{Level: psapi.LevelRestricted, Version: psapi.LatestVersion()},
		kinds: map[string]int{}, usedCRDs: map[string]bool{}}, nil
}

// checkStream checks every document of one multi-document YAML stream; each problem is a line
// "NAME: doc N Kind/name: problem", N counting the stream's documents from 1, empty ones included.
// A stream without any object is a problem too: an empty render must not pass as a valid one.
func (c *checker) checkStream(name string, r io.Reader) []string {
	var problems []string
	objects := 0
	reader := utilyaml.NewYAMLReader(bufio.NewReader(r))
	for n := 1; ; n++ {
		doc, err := reader.Read()
		if err == io.EOF {
			if objects == 0 {
				problems = append(problems, name+": no Kubernetes objects")
			}
			return problems
		}
		if err != nil {
			return append(problems, fmt.Sprintf("%s: doc %d: %v", name, n, err))
		}
		id, found := c.checkDocument(doc)
		if id != "" {
			objects++
		}
		for _, p := range found {
			p = strings.Join(strings.Fields(p), " ") // one line each, whatever the library's message
			problems = append(problems, fmt.Sprintf("%s: doc %d %s: %s", name, n, id, p))
		}
	}
}

// checkDocument returns the document's Kind/name and its problems; an empty document (comments only) has none.
func (c *checker) checkDocument(doc []byte) (string, []string) {
	// Duplicate keys are errors, as in the apiserver's strict decoding (and kubectl's YAML reading).
	data, err := yaml.YAMLToJSONStrict(doc)
	if err != nil {
		id := "?/?"
		if loose, err := yaml.YAMLToJSON(doc); err == nil {
			var u unstructured.Unstructured
			if utiljson.Unmarshal(loose, &u.Object) == nil {
				id = orUnknown(u.GetKind()) + "/" + orUnknown(u.GetName())
			}
		}
		return id, []string{"invalid YAML: " + err.Error()}
	}
	if s := string(bytes.TrimSpace(data)); s == "null" || s == "" {
		return "", nil
	}
	var obj map[string]any
	if err := utiljson.Unmarshal(data, &obj); err != nil {
		return "?/?", []string{"not a Kubernetes object: " + err.Error()}
	}
	u := &unstructured.Unstructured{Object: obj}
	kind, name := u.GetKind(), u.GetName()
	id := orUnknown(kind) + "/" + orUnknown(name)
	apiVersion, _ := obj["apiVersion"].(string)
	if apiVersion == "" || kind == "" {
		return id, []string{"apiVersion and kind are required"}
	}
	gv, err := schema.ParseGroupVersion(apiVersion)
	if err != nil {
		return id, []string{err.Error()}
	}
	gvk := gv.WithKind(kind)
	c.kinds[kind]++

	v, err := c.builtins.validator(gvk)
	if err != nil {
		return id, []string{err.Error()}
	}
	if v != nil {
		return id, c.checkBuiltin(data, u, gvk, v)
	}
	if k, ok := c.crds[gvk.GroupKind()]; ok {
		return id, c.checkCustom(u, gvk, k)
	}
	return id, []string{fmt.Sprintf("no schema for %s %s: not a built-in kind of %s, nor defined by the CRDs given",
		apiVersion, kind, c.builtins.source)}
}

func orUnknown(s string) string {
	if s == "" {
		return "?"
	}
	return s
}

// checkBuiltin validates a built-in object: strict decoding into its Go type, its OpenAPI schema, its metadata
// and, for the kinds with a pod template, the restricted Pod Security Standard.
func (c *checker) checkBuiltin(data []byte, u *unstructured.Unstructured, gvk schema.GroupVersionKind, v validation.SchemaValidator) []string {
	var problems []string
	var typed runtime.Object
	if c.scheme.Recognizes(gvk) {
		obj, _, err := c.decoder.Decode(data, &gvk, nil)
		if strict, ok := runtime.AsStrictDecodingError(err); ok {
			// Unknown and duplicate fields; the object itself decoded.
			for _, e := range strict.Errors() {
				problems = append(problems, e.Error())
			}
			typed = obj
		} else if err != nil {
			problems = append(problems, err.Error())
		} else {
			typed = obj
		}
	}
	// Nulls are dropped first: typed decoding reads them as absent, so the apiserver accepts them.
	problems = appendErrors(problems, validation.ValidateCustomResource(nil, dropNulls(u.DeepCopy().Object), v))
	problems = appendErrors(problems, validateMetadata(u, nameRule(gvk.GroupKind())))
	if typed != nil {
		problems = append(problems, c.podSecurity(typed)...)
	}
	return problems
}

// podSecurity evaluates the pod spec of a Pod or of a workload's pod template with the PodSecurity admission
// plugin's own extractor and checks; the plugin rejects such a Pod, and warns about such a workload.
func (c *checker) podSecurity(obj runtime.Object) []string {
	meta, spec, err := admission.DefaultPodSpecExtractor{}.ExtractPodSpec(obj)
	if err != nil || spec == nil {
		return nil // not a kind with a pod spec
	}
	var problems []string
	for _, r := range c.pss.EvaluatePod(c.level, meta, spec) {
		if !r.Allowed {
			p := fmt.Sprintf("PodSecurity %q: %s", c.level.String(), r.ForbiddenReason)
			if r.ForbiddenDetail != "" {
				p += " (" + r.ForbiddenDetail + ")"
			}
			problems = append(problems, p)
		}
	}
	return problems
}

// checkCustom validates a custom resource the way the apiserver's custom resource handler does on create with
// fieldValidation=Strict: unknown fields (what pruning would drop) are errors; nulls without a default are dropped,
// defaults applied; then the schema, metadata, embedded resources, list types and the CEL rules.
func (c *checker) checkCustom(u *unstructured.Unstructured, gvk schema.GroupVersionKind, k *customKind) []string {
	v, err := k.version(gvk.Version)
	if err != nil {
		return []string{err.Error()}
	}
	c.usedCRDs[fmt.Sprintf("%s %s (%s)", k.crd.Name, gvk.Version, k.source)] = true
	obj := u.Object
	var problems []string
	_, _, unknown, err := schemaobjectmeta.GetObjectMetaWithOptions(obj, schemaobjectmeta.ObjectMetaOptions{ReturnUnknownFieldPaths: true})
	if err != nil {
		problems = append(problems, "metadata: "+err.Error())
	}
	unknown = append(unknown, structuralpruning.PruneWithOptions(obj, v.structural, true,
		structuralschema.UnknownFieldPathOptions{TrackUnknownFieldPaths: true})...)
	structuraldefaulting.PruneNonNullableNullsWithoutDefaults(obj, v.structural)
	ferr, embedded := schemaobjectmeta.CoerceWithOptions(nil, obj, v.structural, false, schemaobjectmeta.CoerceOptions{ReturnUnknownFieldPaths: true})
	if ferr != nil {
		problems = append(problems, ferr.Error())
	}
	for _, p := range append(unknown, embedded...) {
		problems = append(problems, fmt.Sprintf("unknown field %q", p))
	}
	structuraldefaulting.Default(obj, v.structural)

	var errs field.ErrorList
	errs = append(errs, validateMetadata(u, apivalidation.NameIsDNSSubdomain)...)
	errs = append(errs, validation.ValidateCustomResource(nil, obj, v.validator)...)
	errs = append(errs, schemaobjectmeta.Validate(context.Background(), nil, obj, v.structural, false)...)
	errs = append(errs, structurallisttype.ValidateListSetsAndMaps(nil, v.structural, obj)...)
	if v.cel == nil {
		return appendErrors(problems, errs)
	}
	if blocksCEL(errs) {
		// The apiserver does not run the rules on an object of the wrong shape either.
		return append(appendErrors(problems, errs), "x-kubernetes-validations rules not run: correct the errors above first")
	}
	celErrs, _ := v.cel.Validate(context.Background(), nil, v.structural, obj, nil, celconfig.RuntimeCELCostBudget)
	return appendErrors(appendErrors(problems, errs), celErrs)
}

// blocksCEL: the kinds of schema errors after which the apiserver skips a custom resource's CEL rules.
func blocksCEL(errs field.ErrorList) bool {
	for _, e := range errs {
		switch e.Type {
		case field.ErrorTypeTypeInvalid, field.ErrorTypeRequired, field.ErrorTypeNotSupported, field.ErrorTypeTooLong, field.ErrorTypeTooMany:
			return true
		}
	}
	return false
}

// validateMetadata applies the apiserver's ObjectMeta rules (name, generateName, namespace, labels, annotations,
// owner references, finalizers). Helm output usually leaves the namespace to the request: it is checked when set.
func validateMetadata(u *unstructured.Unstructured, nameFn apivalidation.ValidateNameFunc) field.ErrorList {
	return apivalidation.ValidateObjectMetaAccessor(u, u.GetNamespace() != "", nameFn, field.NewPath("metadata"))
}

// nameRule is the name format the apiserver requires of a built-in kind: a DNS subdomain, except for these.
// Per-kind limits beyond the format (e.g. a CronJob's 52 characters) are semantic validation, not checked here.
func nameRule(gk schema.GroupKind) apivalidation.ValidateNameFunc {
	switch {
	case gk == schema.GroupKind{Kind: "Service"}:
		return apivalidation.NameIsDNS1035Label
	case gk == schema.GroupKind{Kind: "Namespace"}:
		return apivalidation.NameIsDNSLabel
	case gk.Group == "rbac.authorization.k8s.io":
		return path.ValidatePathSegmentName
	}
	return apivalidation.NameIsDNSSubdomain
}

func appendErrors(problems []string, errs field.ErrorList) []string {
	for _, e := range errs {
		problems = append(problems, e.Error())
	}
	return problems
}

// dropNulls removes null-valued keys from objects, recursively (null list items stay, and are errors).
func dropNulls(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, item := range v {
			if item == nil {
				delete(v, k)
			} else {
				v[k] = dropNulls(item)
			}
		}
	case []any:
		for i, item := range v {
			v[i] = dropNulls(item)
		}
	}
	return v
}

// summary: the objects per kind, and the schemas and policy level they were checked against.
func (c *checker) summary() string {
	total := 0
	var kinds []string
	for _, kind := range slices.Sorted(maps.Keys(c.kinds)) {
		total += c.kinds[kind]
		kinds = append(kinds, fmt.Sprintf("%s %d", kind, c.kinds[kind]))
	}
	crds := "none"
	if len(c.usedCRDs) > 0 {
		crds = strings.Join(slices.Sorted(maps.Keys(c.usedCRDs)), ", ")
	}
	return fmt.Sprintf("%d objects valid (%s); built-in kinds: OpenAPI of %s, types of k8s.io/api %s; CRDs: %s; PodSecurity %s",
		total, strings.Join(kinds, ", "), c.builtins.source, moduleVersion("k8s.io/api"), crds, c.level.String())
}

func moduleVersion(path string) string {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, m := range info.Deps {
			if m.Path == path {
				return m.Version
			}
		}
	}
	return "(unknown)"
}
