package codec

import "testing"

func TestRoundTrip(t *testing.T) {
	for _, id := range []uint64{0, 1, 61, 62, 3843, 1 << 40} {
		got, err := Decode(Encode(id))
		if err != nil || got != id {
			t.Fatalf("Decode(Encode(%d)) = %d, %v", id, got, err)
		}
	}
}

func TestDecodeRefusesOtherCharacters(t *testing.T) {
	if _, err := Decode("ab-c"); err == nil {
		t.Fatal("expected an error for '-'")
	}
}
