//go:build tools

// Package tools pins the HashiCorp AWS provider as a dependency of this module, so that
// `go build github.com/hashicorp/terraform-provider-aws` links it with the provider's own
// go.mod settings (go 1.26.3, godebug tlsmlkem=0), which `go install module@version` drops.
package tools

import _ "github.com/hashicorp/terraform-provider-aws"
