package store

import "testing"

func TestShortenThenResolve(t *testing.T) {
	s := New()
	code, err := s.Shorten("https://example.com/a")
	if err != nil {
		t.Fatal(err)
	}
	if url, ok := s.Resolve(code); !ok || url != "https://example.com/a" {
		t.Fatalf("Resolve(%q) = %q, %v", code, url, ok)
	}
}
