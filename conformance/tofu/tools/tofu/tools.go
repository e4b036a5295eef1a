//go:build tools

// Package tools pins OpenTofu's tofu command as a dependency of this module, so that
// `go build github.com/opentofu/opentofu/cmd/tofu` builds it with OpenTofu's own replace directives.
package tools

import _ "github.com/opentofu/opentofu/cmd/tofu"
