// The glossary table: the terms a newcomer asked about, sorted, each citing an RFC, and the
// whole-word search the lesson pane's tooltips use.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <string>

#include "core/lessons/glossary.hpp"

namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::vector<std::string> found_terms(std::string_view text) {
  std::vector<std::string> terms;
  for (const auto& hit : hl::find_glossary_terms(text))
    terms.push_back(std::string(hit.entry->term) + "@" + std::string(text.substr(hit.offset, hit.length)));
  return terms;
}

}  // namespace

TEST_CASE("the glossary has the terms students asked about, sorted, each definition citing an RFC") {
  for (const char* term : {"AEAD", "x25519", "ecdsa_secp256r1_sha256", "exporter secret", "session ticket",
                           "application_data", "HKDF", "transcript hash", "SNI", "ALPN", "STARTTLS", "implicit TLS",
                           "forward secrecy", "nonce", "MAC"}) {
    INFO(term);
    const hl::GlossaryEntry* entry = hl::glossary_entry(term);
    REQUIRE(entry != nullptr);
    CHECK(entry->term == term);
  }
  const auto entries = hl::glossary();
  for (std::size_t i = 0; i < entries.size(); ++i) {
    INFO(entries[i].term);
    CHECK(entries[i].definition.find("RFC ") != std::string_view::npos);
    CHECK(hl::glossary_entry(entries[i].term) == &entries[i]);  // no alias of another entry shadows a term
    if (i > 0) CHECK(lower(entries[i - 1].term) < lower(entries[i].term));
  }
  // Why TLS 1.3 handshake records say application_data on the outside.
  const std::string_view why = hl::glossary_entry("application_data")->definition;
  CHECK(why.find("23") != std::string_view::npos);
  CHECK(why.find("RFC 8446 §5.2") != std::string_view::npos);
}

TEST_CASE("glossary terms are found as whole words, the longest spelling first, capitals kept") {
  CHECK(found_terms("The SNI is in the clear; x25519 key shares; the EXPORTER_SECRET.") ==
        std::vector<std::string>{"SNI@SNI", "x25519@x25519", "key share@key shares", "exporter secret@EXPORTER_SECRET"});
  CHECK(found_terms("Session tickets, then Finished.") ==
        std::vector<std::string>{"session ticket@Session tickets", "Finished@Finished"});
  CHECK(found_terms("the handshake is finished; a SNIPPET on a MACHINE; the aead; snippet_SNI").empty());
  CHECK(found_terms("ecdsa_secp256r1_sha256.") == std::vector<std::string>{"ecdsa_secp256r1_sha256@ecdsa_secp256r1_sha256"});
  CHECK(found_terms("").empty());
  CHECK(hl::glossary_entry("no such term") == nullptr);
  CHECK(hl::glossary_entry("SNI and ALPN") == nullptr);  // exactly one term, the whole text
}
