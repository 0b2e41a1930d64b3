// The window's "what if?" logic without a window: which bytes of an edited record the hex
// marks (a changed byte, an insertion, a removal, lengths fixed up), the rerun and its refusals,
// and the same record found across the grouped and every-event forms of a run.
#include <catch2/catch.hpp>

#include <vector>

#include "app/run_and_decode.hpp"
#include "app/what_if_edit.hpp"
#include "core/engine/event_groups.hpp"

using namespace hl::app;
using Bytes = std::vector<std::uint8_t>;

namespace {
std::vector<std::pair<std::size_t, std::size_t>> pairs(const std::vector<ByteRange>& ranges) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  for (const auto& range : ranges) out.emplace_back(range.offset, range.length);
  return out;
}
using Pairs = std::vector<std::pair<std::size_t, std::size_t>>;
}  // namespace

TEST_CASE("edited_ranges: what the hex view marks") {
  const Bytes original{0x16, 0x03, 0x03, 0x00, 0x06, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff};
  SECTION("nothing changed") { CHECK(edited_ranges(original, original).empty()); }
  SECTION("one byte") {
    Bytes edited = original;
    edited[7] = 0x00;
    CHECK(pairs(edited_ranges(original, edited)) == Pairs{{7, 1}});
  }
  SECTION("two bytes inserted, the length fixed up") {
    const Bytes edited{0x16, 0x03, 0x03, 0x00, 0x08, 0xaa, 0xbb, 0x11, 0x22, 0xcc, 0xdd, 0xee, 0xff};
    CHECK(pairs(edited_ranges(original, edited)) == Pairs{{4, 1}, {7, 2}});
  }
  SECTION("two bytes removed, the length fixed up: only the length is marked") {
    const Bytes edited{0x16, 0x03, 0x03, 0x00, 0x04, 0xaa, 0xbb, 0xee, 0xff};
    CHECK(pairs(edited_ranges(original, edited)) == Pairs{{4, 1}});
  }
  SECTION("empty either side") {
    CHECK(pairs(edited_ranges({}, original)) == Pairs{{0, original.size()}});
    CHECK(edited_ranges(original, {}).empty());
  }
}

TEST_CASE("make_what_if: the rerun, and what it refuses") {
  hl::Scenario scenario;
  scenario.seed = 3;
  const auto original = run_and_decode(scenario);
  std::string error;
  WhatIfEdit made;
  SECTION("an edit of the ClientHello's first suite parts the runs at step 1") {
    hl::edit::EditSpec spec;
    spec.step = 1;
    spec.path = "cipher_suites[0]";
    spec.value = "TLS_CHACHA20_POLY1305_SHA256";
    const bool ok = make_what_if(original, std::span(&spec, 1), made, error);
    INFO(error);
    REQUIRE(ok);
    CHECK(made.first_difference == 1);
    CHECK(made.original == original);
    CHECK(made.edited->transcript.steps.size() > 0);
    CHECK(made.label.rfind("edited: cipher_suites[0] -> ", 0) == 0);
  }
  SECTION("an edit that changes nothing is refused") {
    hl::edit::EditSpec spec;
    spec.step = 1;
    spec.offset = 0;
    spec.value = "16";
    CHECK_FALSE(make_what_if(original, std::span(&spec, 1), made, error));
    CHECK(error.find("already holds") != std::string::npos);
  }
  SECTION("an unseeded run is refused") {
    hl::Scenario unseeded;
    const auto run = run_and_decode(unseeded);
    hl::edit::EditSpec spec;
    spec.step = 1;
    spec.offset = 0;
    spec.value = "17";
    CHECK_FALSE(make_what_if(run, std::span(&spec, 1), made, error));
    CHECK(error.find("seed") != std::string::npos);
  }
  SECTION("no run") {
    hl::edit::EditSpec spec;
    CHECK_FALSE(make_what_if(nullptr, std::span(&spec, 1), made, error));
  }
}

TEST_CASE("make_client_what_if: the client sends the edited ClientHello itself") {
  hl::Scenario scenario;
  scenario.seed = 3;
  const auto original = run_and_decode(scenario);
  std::string error;
  WhatIfEdit made;
  hl::edit::EditSpec spec;
  spec.step = 1;
  spec.path = "cipher_suites[0]";
  spec.value = "TLS_AES_128_CCM_SHA256";
  SECTION("a suite the server lacks first: the server takes the client's next, and both transcripts agree") {
    std::string preview;
    REQUIRE(client_settings_for(*original, std::span(&spec, 1), preview, error));
    const bool ok = make_client_what_if(original, std::span(&spec, 1), made, error);
    INFO(error);
    REQUIRE(ok);
    CHECK(made.by == EditBy::client);
    CHECK(made.client_settings == preview);
    CHECK(made.client_settings.rfind("--set client-ciphers=TLS_AES_128_CCM_SHA256:", 0) == 0);
    CHECK(made.label.rfind("by the client: client-ciphers=TLS_AES_128_CCM_SHA256:", 0) == 0);
    CHECK(made.first_difference == 1);
    CHECK(made.edited->transcript.failure.empty());
    CHECK(made.edited->transcript.negotiated.cipher != original->transcript.negotiated.cipher);
    // No record was swapped in flight: the client wrote what went on the wire.
    CHECK(made.edited->transcript.steps[0].title == "ClientHello");
    CHECK_FALSE(made.edited->transcript.attacker.present);
    REQUIRE(made.replacements.size() == 1);
    CHECK(made.replacements[0].expected == original->transcript.steps[0].bytes);
    CHECK(made.replacements[0].bytes == made.edited->transcript.steps[0].bytes);
    CHECK_FALSE(edited_ranges(made.replacements[0].expected, made.replacements[0].bytes).empty());
    // What the What if? tab lists: the suite the server took instead, nothing else.
    const auto differences = negotiated_differences(original->transcript.negotiated, made.edited->transcript.negotiated);
    REQUIRE(differences.size() == 1);
    CHECK(differences[0] == "cipher: " + original->transcript.negotiated.cipher + " \xe2\x86\x92 " +
                                made.edited->transcript.negotiated.cipher);
  }
  SECTION("what the client's configuration does not decide is refused, naming the wire instead") {
    spec.path = "legacy_version";
    spec.value = "TLS1.0";
    std::string preview;
    CHECK_FALSE(client_settings_for(*original, std::span(&spec, 1), preview, error));
    CHECK(error.find("on the wire") != std::string::npos);
    CHECK_FALSE(make_client_what_if(original, std::span(&spec, 1), made, error));
    CHECK(error.find("on the wire") != std::string::npos);
  }
  SECTION("a step that is not the client's ClientHello is refused") {
    spec.step = 2;
    spec.path = "cipher_suite";
    CHECK_FALSE(make_client_what_if(original, std::span(&spec, 1), made, error));
    CHECK(error.find("not the client's ClientHello") != std::string::npos);
  }
  SECTION("what the client already sends is refused: nothing would differ") {
    spec.value = "TLS_AES_256_GCM_SHA384";  // OpenSSL's client lists it first already
    std::string preview;
    CHECK_FALSE(client_settings_for(*original, std::span(&spec, 1), preview, error));
    CHECK(error.find("already sends") != std::string::npos);
  }
  SECTION("an unseeded run is refused") {
    const auto run = run_and_decode(hl::Scenario{});
    CHECK_FALSE(make_client_what_if(run, std::span(&spec, 1), made, error));
    CHECK(error.find("seed") != std::string::npos);
  }
}

TEST_CASE("negotiated_differences: one line per setting agreed differently, 'not reached' when a run stopped") {
  hl::Negotiated full;
  full.version = "TLSv1.3";
  full.cipher = "TLS_AES_256_GCM_SHA384";
  full.group = "x25519";
  full.sigalg = "ecdsa_secp256r1_sha256";
  full.alpn = "http/1.1";
  CHECK(negotiated_differences(full, full).empty());
  hl::Negotiated stopped = full;
  stopped.sigalg.clear();
  stopped.alpn.clear();
  stopped.cipher = "TLS_AES_128_GCM_SHA256";
  CHECK(negotiated_differences(full, stopped) ==
        std::vector<std::string>{"cipher: TLS_AES_256_GCM_SHA384 \xe2\x86\x92 TLS_AES_128_GCM_SHA256",
                                 "signature: ecdsa_secp256r1_sha256 \xe2\x86\x92 not reached",
                                 "ALPN: http/1.1 \xe2\x86\x92 not reached"});
}

TEST_CASE("same_record_index: a record keeps its place across the grouped and every-event forms") {
  hl::Scenario scenario;
  scenario.seed = 3;
  const auto grouped = run_and_decode(scenario);
  REQUIRE(grouped->every_event != nullptr);
  const hl::Transcript& every = grouped->every_event->transcript;
  std::size_t checked = 0;
  for (std::size_t i = 0; i < every.steps.size(); ++i) {
    const auto index = same_record_index(every, i, grouped->transcript);
    if (every.steps[i].kind == hl::StepKind::event) {
      CHECK_FALSE(index);
      continue;
    }
    REQUIRE(index);
    CHECK(grouped->transcript.steps[*index].bytes == every.steps[i].bytes);
    ++checked;
  }
  CHECK(checked > 5);
  CHECK_FALSE(same_record_index(every, every.steps.size(), grouped->transcript));
}
