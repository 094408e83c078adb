// Package codec turns numeric link ids into short base62 codes and back.
package codec

import (
	"errors"
	"strings"
)

const alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"

// Encode returns the base62 code of id.
func Encode(id uint64) string {
	if id == 0 {
		return "0"
	}
	var b strings.Builder
	for id > 0 {
		b.WriteByte(alphabet[id%62])
		id /= 62
	}
	runes := []byte(b.String())
	for i, j := 0, len(runes)-1; i < j; i, j = i+1, j-1 {
		runes[i], runes[j] = runes[j], runes[i]
	}
	return string(runes)
}

// Decode returns the id of a base62 code.
func Decode(code string) (uint64, error) {
	if code == "" {
		return 0, errors.New("empty code")
	}
	var id uint64
	for _, c := range code {
		i := strings.IndexRune(alphabet, c)
		if i < 0 {
			return 0, errors.New("invalid character in code")
		}
		id = id*62 + uint64(i)
	}
	return id, nil
}
