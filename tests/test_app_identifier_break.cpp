// Long identifiers break after '_' or '.', never mid-word (issue: "…TRAFFIC_SE / CRET").
#include <catch2/catch.hpp>

#include "app/identifier_break.hpp"

namespace {

using Lines = std::vector<std::string>;

// One unit of width per character, like a monospaced font.
float chars(const std::string& text) { return static_cast<float>(text.size()); }

}  // namespace

TEST_CASE("a key log label breaks only after its underscores") {
  CHECK(hl::app::identifier_lines("SERVER_HANDSHAKE_TRAFFIC_SECRET", 20, chars) ==
        Lines{"SERVER_HANDSHAKE_", "TRAFFIC_SECRET"});
  CHECK(hl::app::identifier_lines("SERVER_HANDSHAKE_TRAFFIC_SECRET", 100, chars) ==
        Lines{"SERVER_HANDSHAKE_TRAFFIC_SECRET"});
}

TEST_CASE("a host name breaks after its dots") {
  CHECK(hl::app::identifier_lines("mail.example.com", 11, chars) == Lines{"mail.", "example.com"});
  CHECK(hl::app::identifier_lines("mail.example.com", 6, chars) == Lines{"mail.", "example.", "com"});
}

TEST_CASE("a piece wider than the line stays whole; odd input gives sane lines") {
  CHECK(hl::app::identifier_lines("HANDSHAKE_X", 4, chars) == Lines{"HANDSHAKE_", "X"});
  CHECK(hl::app::identifier_lines("", 10, chars) == Lines{""});
  CHECK(hl::app::identifier_lines("___", 1, chars) == Lines{"_", "_", "_"});
  CHECK(hl::app::identifier_lines("a.", 0, chars) == Lines{"a."});
}

TEST_CASE("a field value wraps at spaces, then after '_' or '.', and hex anywhere") {
  using hl::app::value_lines;
  CHECK(value_lines("x25519 (0x001d)", 100, chars) == Lines{"x25519 (0x001d)"});
  CHECK(value_lines("x25519 (0x001d)", 8, chars) == Lines{"x25519", "(0x001d)"});
  // A host name in a sentence-like value: whole words first, then the name after its dots.
  CHECK(value_lines("host smtp.mail.example.com", 12, chars) == Lines{"host", "smtp.mail.", "example.com"});
  CHECK(value_lines("ecdsa_secp256r1_sha256", 10, chars) == Lines{"ecdsa_", "secp256r1_", "sha256"});
  // 32 bytes of random as hex: no words, so it fills each line.
  CHECK(value_lines("00112233445566778899aabbccddeeff", 12, chars) ==
        Lines{"001122334455", "66778899aabb", "ccddeeff"});
  // The piece after a broken word carries on the same line as the next word when it fits.
  CHECK(value_lines("SERVER_HANDSHAKE_TRAFFIC_SECRET 1", 16, chars) ==
        Lines{"SERVER_", "HANDSHAKE_", "TRAFFIC_SECRET 1"});
}

TEST_CASE("odd field values give sane lines") {
  using hl::app::value_lines;
  CHECK(value_lines("", 10, chars) == Lines{""});
  CHECK(value_lines("   ", 10, chars) == Lines{""});
  CHECK(value_lines("a  b", 10, chars) == Lines{"a b"});
  CHECK(value_lines("unbreakableword", 5, chars) == Lines{"unbreakableword"});  // the caller ellipsizes it
  CHECK(value_lines("abc", 0, chars) == Lines{"a", "b", "c"});  // hex digits, one per line at worst
}
