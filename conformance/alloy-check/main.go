// alloy-check checks a Grafana Alloy configuration without Alloy's binary (Apache-2.0, but a build of its hundreds of
// components does not fit this suite's time): Alloy's own parser and printer (github.com/grafana/alloy/syntax, the
// module `alloy fmt` uses) parse it and must print it back byte for byte, as `alloy fmt --test` requires; then each
// component block is checked against the arguments and blocks its reference documentation lists (unknown or missing
// required ones are errors, as `alloy validate` reports them), and every reference to another component's export
// must name a declared component that has that export.
//
// Usage: alloy-check FILE...
package main

import (
	"fmt"
	"os"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: alloy-check FILE...")
		os.Exit(2)
	}
	failed := false
	for _, file := range os.Args[1:] {
		data, err := os.ReadFile(file)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		problems := check(file, data)
		for _, p := range problems {
			fmt.Println(p)
		}
		if len(problems) > 0 {
			failed = true
		} else {
			fmt.Printf("%s: formatted, %d components checked\n", file, components(data))
		}
	}
	if failed {
		os.Exit(1)
	}
}
