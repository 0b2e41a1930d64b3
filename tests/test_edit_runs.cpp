// "What if?" on the wire, for real: a seeded run repeated with Mallory delivering an edited
// record. Each exercise of the what-if lesson ends with the alert OpenSSL 3.0 really sends;
// an edit changed back reruns byte for byte; hostile edits never crash or hang a run.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include "core/edit/client_change.hpp"
#include "core/edit/edit_spec.hpp"
#include "core/edit/field_edit.hpp"
#include "core/edit/what_if.hpp"
#include "core/engine/engine.hpp"
#include "core/engine/outcome.hpp"
#include "core/wire/decode.hpp"
#include "support/seeded_scenario.hpp"

namespace hl {
namespace {

using edit::EditSpec;

// The step number (from 1) of the first record of `from` carrying `type`.
std::size_t record_with(const Transcript& run, Side from, HandshakeType type) {
  for (std::size_t i = 0; i < run.steps.size(); ++i)
    if (run.steps[i].kind == StepKind::record && run.steps[i].from == from && carries(run.steps[i], type)) return i + 1;
  FAIL("no such record");
  return 0;
}

// The first record that carries application data.
std::size_t first_application_data(const Transcript& run) {
  for (std::size_t i = 0; i < run.steps.size(); ++i)
    if (run.steps[i].kind == StepKind::record && run.steps[i].inner_type == 23) return i + 1;
  FAIL("no application data");
  return 0;
}

EditSpec spec_at(std::size_t step, const std::string& target_and_value, bool keep_lengths = false) {
  EditSpec spec;
  std::string error;
  const std::string text = std::to_string(step) + ":" + target_and_value;
  INFO(text << ": " << error);
  REQUIRE(edit::parse_edit_spec(text, spec, error));
  spec.keep_lengths = keep_lengths;
  return spec;
}

edit::WhatIfRun what_if(const Scenario& scenario, const Transcript& original, std::vector<EditSpec> edits) {
  edit::WhatIfRun run;
  std::string error;
  const bool ok = edit::run_wire_edits(scenario, original, edits, run, error);
  INFO(error);
  REQUIRE(ok);
  return run;
}

// The alert the run ended with, and who sent it.
std::string alert_of(const Transcript& run, Side& out_from) {
  const FailureCause cause = failure_cause(run);
  out_from = cause.alert_from;
  return cause.alert_name;
}

std::string hex_byte(std::uint8_t byte) {
  const char* digits = "0123456789abcdef";
  return {digits[byte >> 4], digits[byte & 15]};
}

bool same_bytes(const Transcript& a, const Transcript& b) {
  if (a.steps.size() != b.steps.size() || a.keylog != b.keylog) return false;
  for (std::size_t i = 0; i < a.steps.size(); ++i)
    if (a.steps[i].bytes != b.steps[i].bytes || a.steps[i].title != b.steps[i].title) return false;
  return true;
}

// The run a client change gives: the client's own settings, rerun.
Transcript client_run(Scenario scenario, const Transcript& original, std::vector<EditSpec> edits, edit::ClientChange& out_change) {
  std::string error;
  const bool mapped = edit::client_change(scenario, original, edits, out_change, error);
  INFO(error);
  REQUIRE(mapped);
  REQUIRE(edit::apply_client_change(out_change, scenario, error));
  const Transcript run = run_scenario(scenario);
  INFO(run.failure);
  REQUIRE_FALSE(run.rejected);
  return run;
}

std::string setting(const edit::ClientChange& change, const std::string& key) {
  for (const auto& [name, value] : change.settings)
    if (name == key) return value;
  return "(unset)";
}

}  // namespace

TEST_CASE("what if: TLS 1.3 ClientHello edits end in the client's bad_record_mac (the transcript binds every byte)", "[edit][run]") {
  const Scenario scenario = test::seeded_scenario(14, {});
  const Transcript original = run_scenario(scenario);
  REQUIRE(original.failure.empty());
  const std::size_t hello = record_with(original, Side::client, HandshakeType::client_hello);
  for (const char* edit : {"extensions.server_name.server_name_list[0].host_name=text:www.example.org",
                           "legacy_version=0x0301", "cipher_suites[0]=remove", "cipher_suites[1]=TLS_AES_128_CCM_SHA256"}) {
    INFO(edit);
    const edit::WhatIfRun run = what_if(scenario, original, {spec_at(hello, edit)});
    Side from = Side::server;
    CHECK(alert_of(run.transcript, from) == "bad_record_mac");
    CHECK(from == Side::client);
    CHECK(run.first_difference == hello);
    const Step& step = run.transcript.steps[hello - 1];
    const edit::Replacement* replaced = edit::replacement_at(run, hello);
    REQUIRE(replaced != nullptr);
    CHECK(replaced->expected == original.steps[hello - 1].bytes);
    CHECK(replaced->bytes == step.bytes);
    CHECK(step.bytes != original.steps[hello - 1].bytes);
    CHECK(step.title.ends_with("(edited)"));
    CHECK(run.transcript.attacker.present);
    REQUIRE_FALSE(run.transcript.attacker.changed.empty());
    CHECK(run.transcript.attacker.changed.front().step == hello);
  }
}

TEST_CASE("what if: an emptied key_share draws a HelloRetryRequest for an offered group, then illegal_parameter", "[edit][run]") {
  const Scenario scenario = test::seeded_scenario(14, {});
  const Transcript original = run_scenario(scenario);
  const std::size_t hello = record_with(original, Side::client, HandshakeType::client_hello);
  const edit::WhatIfRun run = what_if(scenario, original, {spec_at(hello, "extensions.key_share.client_shares[0]=remove")});
  CHECK(std::any_of(run.transcript.steps.begin(), run.transcript.steps.end(),
                    [](const Step& step) { return carries(step, HandshakeType::hello_retry_request); }));
  Side from = Side::client;
  CHECK(alert_of(run.transcript, from) == "illegal_parameter");
  CHECK(from == Side::client);  // the client sees a retry for a group it had offered a share for
}

TEST_CASE("what if: TLS 1.2 client_random edits: the signature fails, or the extended master secret differs", "[edit][run]") {
  const Scenario scenario = test::seeded_scenario(14, {{"version", "1.2"}});
  const Transcript original = run_scenario(scenario);
  REQUIRE(original.failure.empty());
  const std::size_t hello = record_with(original, Side::client, HandshakeType::client_hello);
  Side from = Side::server;
  const edit::WhatIfRun random = what_if(scenario, original, {spec_at(hello, "15=00")});
  CHECK(alert_of(random.transcript, from) == "decrypt_error");
  CHECK(from == Side::client);
  const edit::WhatIfRun sni = what_if(scenario, original, {spec_at(hello, "extensions.server_name.server_name_list[0].host_name=text:www.example.org")});
  CHECK(alert_of(sni.transcript, from) == "bad_record_mac");
}

TEST_CASE("what if: a byte of a protected record, and a broken length", "[edit][run]") {
  const Scenario scenario = test::seeded_scenario(14, {});
  const Transcript original = run_scenario(scenario);
  const std::size_t data = first_application_data(original);
  const std::size_t middle = original.steps[data - 1].bytes.size() / 2;
  const Bytes& record = original.steps[data - 1].bytes;
  Side from = Side::client;
  const edit::WhatIfRun flipped = what_if(scenario, original, {spec_at(data, std::to_string(middle) + "=" + hex_byte(record[middle] ^ 0x01))});
  CHECK(alert_of(flipped.transcript, from) == "bad_record_mac");
  CHECK(flipped.first_difference == data);

  const std::size_t hello = record_with(original, Side::client, HandshakeType::client_hello);
  const edit::WhatIfRun broken = what_if(scenario, original, {spec_at(hello, "cipher_suites.length=7")});
  CHECK(alert_of(broken.transcript, from) == "decode_error");
  CHECK(from == Side::server);
  // A suite removed with the lengths left wrong: the handshake header still promises two more
  // bytes, and the server waits for them; nothing else moves and the run stops unfinished.
  const edit::WhatIfRun short_by_two = what_if(scenario, original, {spec_at(hello, "cipher_suites[0]=remove", true)});
  CHECK(alert_of(short_by_two.transcript, from).empty());
  CHECK(short_by_two.transcript.failure.find("before the handshake finished") != std::string::npos);
  CHECK(short_by_two.transcript.steps[hello - 1].bytes.size() == original.steps[hello - 1].bytes.size() - 2);
  const auto decoded = wire::decode_transcript(broken.transcript);
  const auto& fields = decoded[hello - 1].fields;
  auto malformed = [](const std::vector<Field>& list, auto& self) -> bool {
    return std::any_of(list.begin(), list.end(), [&](const Field& f) { return f.malformed || self(f.children, self); });
  };
  CHECK(malformed(fields, malformed));
}

TEST_CASE("what if: an edit changed back, or to the same value, reruns byte for byte", "[edit][run]") {
  const Scenario scenario = test::seeded_scenario(21, {});
  const Transcript original = run_scenario(scenario);
  const std::size_t hello = record_with(original, Side::client, HandshakeType::client_hello);
  const edit::WhatIfRun back = what_if(scenario, original, {spec_at(hello, "legacy_version=TLS1.0"), spec_at(hello, "legacy_version=0x0303")});
  CHECK(back.replacements.empty());
  CHECK(back.first_difference == 0);
  CHECK(same_bytes(back.transcript, original));
  const auto fields = edit::editable_fields(wire::decode_transcript(original)[hello - 1].fields);
  const auto suite = std::find_if(fields.begin(), fields.end(), [](const auto& f) { return f.path == "cipher_suites[0]"; });
  REQUIRE(suite != fields.end());
  const std::string same_value = "0x" + hex_byte(original.steps[hello - 1].bytes[suite->offset]) +
                                 hex_byte(original.steps[hello - 1].bytes[suite->offset + 1]);
  const edit::WhatIfRun same = what_if(scenario, original, {spec_at(hello, "cipher_suites[0]=" + same_value)});
  CHECK(same.replacements.empty());
  CHECK(same_bytes(same.transcript, original));
  // A byte of a later record flipped and flipped back: nothing to deliver instead.
  const std::size_t data = first_application_data(original);
  const std::uint8_t byte = original.steps[data - 1].bytes[7];
  const edit::WhatIfRun flip = what_if(scenario, original, {spec_at(data, "7=" + hex_byte(byte ^ 0x80)), spec_at(data, "7=" + hex_byte(byte))});
  CHECK(flip.replacements.empty());
  CHECK(same_bytes(flip.transcript, original));
  // A real rerun of an edit at the last record matches the original everywhere before it.
  const edit::WhatIfRun late = what_if(scenario, original, {spec_at(data, "7=" + hex_byte(byte ^ 0x80))});
  REQUIRE(late.replacements.size() == 1);
  CHECK(late.first_difference == data);
  for (std::size_t i = 0; i + 1 < data; ++i) CHECK(late.transcript.steps[i].bytes == original.steps[i].bytes);
}

TEST_CASE("what if: a step that is not a record, and a path that names nothing, say what exists", "[edit][run]") {
  const Scenario scenario = test::seeded_scenario(14, {});
  const Transcript original = run_scenario(scenario);
  std::size_t event = 0;
  for (std::size_t i = 0; i < original.steps.size() && event == 0; ++i)
    if (original.steps[i].kind == StepKind::event) event = i + 1;
  REQUIRE(event != 0);
  edit::WhatIfRun run;
  std::string error;
  const std::vector<EditSpec> on_event = {spec_at(event, "0=00")};
  CHECK_FALSE(edit::run_wire_edits(scenario, original, on_event, run, error));
  CHECK(error.find("not a record") != std::string::npos);
  CHECK(error.find("the records are steps 1") != std::string::npos);
  const std::vector<EditSpec> past = {spec_at(original.steps.size() + 1, "0=00")};
  CHECK_FALSE(edit::run_wire_edits(scenario, original, past, run, error));
  CHECK(error.find("no step") != std::string::npos);
  const std::vector<EditSpec> nothing = {spec_at(1, "extensions.no_such=remove")};
  CHECK_FALSE(edit::run_wire_edits(scenario, original, nothing, run, error));
  CHECK(error.find("key_share") != std::string::npos);
  Scenario unseeded = scenario;
  unseeded.seed.reset();
  CHECK_FALSE(edit::run_wire_edits(unseeded, original, std::vector<EditSpec>{spec_at(1, "0=16")}, run, error));
  CHECK(error.find("seed") != std::string::npos);
}

TEST_CASE("what if: hostile edits (random bytes, maximum and zero lengths) never crash or hang a run", "[edit][run][hostile]") {
  std::mt19937 random(1414);
  for (const char* version : {"1.3", "1.2"}) {
    const Scenario scenario = test::seeded_scenario(7, {{"version", version}});
    const Transcript original = run_scenario(scenario);
    const auto decoded = wire::decode_transcript(original);
    std::vector<std::size_t> records;
    for (std::size_t i = 0; i < original.steps.size(); ++i)
      if (original.steps[i].kind == StepKind::record && !original.steps[i].by_attacker) records.push_back(i + 1);
    REQUIRE_FALSE(records.empty());
    for (int iteration = 0; iteration < 400; ++iteration) {
      const std::size_t step = records[random() % records.size()];
      const auto fields = edit::editable_fields(decoded[step - 1].fields);
      REQUIRE_FALSE(fields.empty());
      const auto& field = fields[random() % fields.size()];
      const Bytes& bytes = original.steps[step - 1].bytes;
      std::string value;
      std::string target = field.path;
      switch (random() % 6) {
        case 0: value = "remove"; break;
        case 1: value = ""; break;                                                   // zero length
        case 2: value = field.kind == edit::ValueKind::bytes ? std::string(2 * (random() % 600), 'f') : "0xffffffff"; break;
        case 3: value = std::to_string((1ull << (8 * std::min<std::size_t>(field.length, 4))) - 1); break;  // maximum
        case 4: value = "hex:" + std::string(2 * field.length, '0'); break;          // zeros of the same size
        default: {                                                                    // random raw bytes
          const std::size_t offset = random() % bytes.size();
          const std::size_t len = 1 + random() % std::min<std::size_t>(8, bytes.size() - offset);
          target = std::to_string(offset);
          for (std::size_t i = 0; i < len; ++i) value += "0123456789abcdef"[random() % 16], value += "0123456789abcdef"[random() % 16];
        }
      }
      EditSpec spec = spec_at(step, target + "=" + value, random() % 2 == 0);
      edit::WhatIfRun run;
      std::string error;
      INFO(version << " " << edit::edit_spec_text(spec));
      if (!edit::run_wire_edits(scenario, original, std::vector<EditSpec>{spec}, run, error)) {
        CHECK_FALSE(error.empty());  // refused with a reason: a value that does not fit
        continue;
      }
      CHECK_FALSE(run.transcript.steps.empty());
      CHECK(run.transcript.steps.size() < 400);  // the pump's bound ended it if nothing else did
      (void)wire::decode_transcript(run.transcript);  // the decoder reads whatever went on the wire
    }
  }
}

}  // namespace hl

namespace hl {

TEST_CASE("what if, by the client: each change maps to the client's settings and negotiates for real", "[edit][run][client]") {
  const Scenario scenario = test::seeded_scenario(14, {{"server-versions", "1.2-1.3"}, {"virtual-hosts", "shop.example.com"}});
  const Transcript original = run_scenario(scenario);
  REQUIRE(original.failure.empty());
  const std::size_t hello = record_with(original, Side::client, HandshakeType::client_hello);
  Side from = Side::client;
  edit::ClientChange change;

  // Only a suite the server lacks: handshake_failure, with both transcripts in agreement.
  Transcript run = client_run(scenario, original, {spec_at(hello, "cipher_suites=TLS_AES_128_CCM_SHA256")}, change);
  CHECK(setting(change, "client-ciphers") == "TLS_AES_128_CCM_SHA256");
  CHECK(alert_of(run, from) == "handshake_failure");
  CHECK(from == Side::server);
  CHECK(run.steps[hello - 1].title == "ClientHello");  // the client sent it: nothing was edited on the wire

  // No key share for a group the server accepts: a HelloRetryRequest, then success.
  run = client_run(scenario, original, {spec_at(hello, "extensions.key_share.client_shares[0].group=secp384r1")}, change);
  CHECK(setting(change, "groups") == "secp384r1:x25519:secp256r1");
  CHECK(run.handshake_complete);
  CHECK(std::any_of(run.steps.begin(), run.steps.end(), [](const Step& step) { return carries(step, HandshakeType::hello_retry_request); }));
  CHECK(run.negotiated.group == "x25519");

  // Another server name: another certificate (a virtual host), or a failed name check.
  const std::string sni = "extensions.server_name.server_name_list[0].host_name=";
  run = client_run(scenario, original, {spec_at(hello, sni + "shop.example.com")}, change);
  CHECK(setting(change, "server-name") == "shop.example.com");
  CHECK(setting(change, "verify-name") == "shop.example.com");
  CHECK(run.handshake_complete);
  CHECK(std::any_of(run.steps.begin(), run.steps.end(), [](const Step& step) {
    return std::any_of(step.parts.begin(), step.parts.end(), [](const EventPart& part) {
      return part.kind == EventKind::verify && part.verify.depth == 0 && part.verify.subject.find("shop.example.com") != std::string::npos;
    });
  }));
  run = client_run(scenario, original, {spec_at(hello, sni + "blog.example.com")}, change);
  CHECK(alert_of(run, from) == "bad_certificate");
  CHECK(failure_cause(run).verify.error_name == "X509_V_ERR_HOSTNAME_MISMATCH");

  // Only TLS 1.2: a TLS 1.2 handshake, and no alarm at the downgrade sentinel the server still writes.
  run = client_run(scenario, original, {spec_at(hello, "extensions.supported_versions.versions=TLS1.2")}, change);
  CHECK(setting(change, "client-versions") == "1.2");
  CHECK(run.handshake_complete);
  CHECK(run.negotiated.version == "TLSv1.2");
  const std::size_t server_hello = record_with(run, Side::server, HandshakeType::server_hello);
  const Bytes& bytes = run.steps[server_hello - 1].bytes;
  CHECK(std::search(bytes.begin(), bytes.end(), std::begin("DOWNGRD"), std::end("DOWNGRD") - 1) != bytes.end());

  // ALPN the server does not speak: no_application_protocol.
  run = client_run(scenario, original, {spec_at(hello, "extensions.application_layer_protocol_negotiation.protocol_name_list[0].name=h2")}, change);
  CHECK(setting(change, "alpn") == "h2");
  CHECK(alert_of(run, from) == "no_application_protocol");

  // Signature schemes the server's ECDSA key cannot make.
  run = client_run(scenario, original, {spec_at(hello, "extensions.signature_algorithms.supported_signature_algorithms=rsa_pss_rsae_sha256,ed25519")}, change);
  CHECK(setting(change, "client-sigalgs") == "rsa_pss_rsae_sha256:ed25519");
  CHECK_FALSE(run.handshake_complete);
}

TEST_CASE("what if, by the client: what no setting decides is refused with the reason", "[edit][run][client]") {
  const Scenario scenario = test::seeded_scenario(14, {});
  const Transcript original = run_scenario(scenario);
  edit::ClientChange change;
  std::string error;
  auto refused = [&](std::size_t step, const std::string& edit) {
    const std::vector<EditSpec> edits = {spec_at(step, edit)};
    INFO(edit);
    CHECK_FALSE(edit::client_change(scenario, original, edits, change, error));
    return error;
  };
  CHECK(refused(1, "legacy_version=TLS1.0").find("--edit") != std::string::npos);
  CHECK(refused(1, "random=" + std::string(64, '0')).find("--edit") != std::string::npos);
  CHECK(refused(1, "11=00").find("name a field") != std::string::npos);
  CHECK(refused(1, "extensions.key_share=remove").find("key share") != std::string::npos);
  CHECK(refused(2, "legacy_version=TLS1.0").find("not the client's ClientHello") != std::string::npos);
  CHECK(refused(1, "cipher_suites=").find("at least one") != std::string::npos);
  // Changed back: no setting at all.
  const std::vector<EditSpec> same = {spec_at(1, "legacy_version=TLS1.0"), spec_at(1, "legacy_version=TLS1.2")};
  REQUIRE(edit::client_change(scenario, original, same, change, error));
  CHECK(change.settings.empty());
}

}  // namespace hl
