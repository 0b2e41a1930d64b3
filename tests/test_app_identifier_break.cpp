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
