// Command shortlinks shortens the URLs given as arguments and prints their codes.
package main

import (
	"fmt"
	"os"

	"example.com/shortlinks/store"
)

func main() {
	s := store.New()
	for _, url := range os.Args[1:] {
		code, err := s.Shorten(url)
		if err != nil {
			fmt.Fprintln(os.Stderr, "shortlinks:", err)
			os.Exit(1)
		}
		fmt.Println(code, url)
	}
}
