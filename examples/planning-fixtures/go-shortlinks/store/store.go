// Package store keeps short links in memory, keyed by their code.
package store

import (
	"errors"
	"sync"

	"example.com/shortlinks/internal/codec"
)

// Store maps codes to target URLs.
type Store struct {
	mu     sync.Mutex
	next   uint64
	byCode map[string]string
}

// New returns an empty store.
func New() *Store {
	return &Store{next: 1, byCode: map[string]string{}}
}

// Shorten stores url and returns its new code.
func (s *Store) Shorten(url string) (string, error) {
	if url == "" {
		return "", errors.New("empty url")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	code := codec.Encode(s.next)
	s.next++
	s.byCode[code] = url
	return code, nil
}

// Resolve returns the url stored under code.
func (s *Store) Resolve(code string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	url, ok := s.byCode[code]
	return url, ok
}
