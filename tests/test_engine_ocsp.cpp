// OCSP stapling (RFC 6066 §8, RFC 8446 §4.4.2.1) between the real endpoints: the lab's CA signs a
// response, the server staples it, the client checks it. Each ocsp= value in TLS 1.2 and 1.3: a
// current good one passes; revoked, unknown and expired fail with OpenSSL's real alert; the staple
// sits in the message the version puts it in, decoded; the JSON says what the client saw.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <string>

#include "core/engine/engine.hpp"
#include "core/engine/outcome.hpp"
#include "core/engine/scenario_checks.hpp"
#include "core/export/trace_json.hpp"
#include "core/wire/decode.hpp"
#include "core/wire/x509.hpp"
#include "support/seeded_scenario.hpp"

using namespace hl;

namespace {

constexpr int kBadCertificateStatusResponse = 113;  // RFC 6066 §9

Scenario https_with(std::initializer_list<std::pair<const char*, std::string>> settings) {
  return hl::test::seeded_scenario(11, settings);
}

const Field* find_field(const std::vector<Field>& fields, const std::string& name) {
  for (const Field& field : fields) {
    if (field.name == name) return &field;
    if (const Field* inner = find_field(field.children, name)) return inner;
  }
  return nullptr;
}

// The same, from one tree's root (a message's tree lives in its HandshakeMessage).
const Field* find_field(const Field& root, const std::string& name) {
  if (root.name == name) return &root;
  return find_field(root.children, name);
}

// The whole handshake messages one side sent, as the decoder reassembled them.
std::vector<wire::HandshakeMessage> sent_by(const Transcript& t, Side from, HandshakeType type) {
  std::vector<wire::HandshakeMessage> found;
  for (auto& message : wire::handshake_messages(t))
    if (message.from == from && !message.bytes.empty() && message.bytes[0] == static_cast<std::uint8_t>(type))
      found.push_back(std::move(message));
  return found;
}

// The client's note on the staple it checked ("checks the OCSP staple: good"), or "".
std::string staple_note(const Transcript& t) {
  for (const Step& step : t.steps)
    for (const EventPart& part : step.parts)
      if (part.title.rfind("checks the OCSP staple", 0) == 0) return part.title;
  return "";
}

std::string upper_without_leading_zeros(std::string hex) {
  hex.erase(0, std::min(hex.find_first_not_of('0'), hex.size()));
  std::transform(hex.begin(), hex.end(), hex.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return hex;
}

}  // namespace

TEST_CASE("ocsp: a current good staple passes; revoked, unknown and expired fail with bad_certificate_status_response") {
  for (const char* version : {"1.3", "1.2"}) {
    for (const char* value : {"good", "revoked", "unknown", "expired"}) {
      INFO("version " << version << ", ocsp=" << value);
      const Transcript t = run_scenario(https_with({{"version", version}, {"ocsp", value}}));
      CHECK(t.negotiated.ocsp_status == value);
      CHECK(staple_note(t) == std::string("checks the OCSP staple: ") + value);
      const FailureCause cause = failure_cause(t);
      if (std::string(value) == "good") {
        CHECK(t.handshake_complete);
        CHECK(t.failure.empty());
        CHECK(cause.alert == -1);
        continue;
      }
      CHECK_FALSE(t.handshake_complete);
      CHECK(cause.alert == kBadCertificateStatusResponse);
      CHECK(cause.alert_name == "bad_certificate_status_response");
      CHECK(cause.alert_from == Side::client);
      CHECK(cause.verify_step == 0);  // the chain itself passed: only the staple failed
      CHECK_THAT(t.failure, Catch::Contains(std::string("the stapled OCSP response is ") + value));
      CHECK(expected_outcome(https_with({{"ocsp", value}})).fails);
    }
  }
}

TEST_CASE("ocsp: TLS 1.2 staples in CertificateStatus, TLS 1.3 in the leaf's CertificateEntry") {
  const Transcript tls12 = run_scenario(https_with({{"version", "1.2"}, {"ocsp", "revoked"}}));
  const auto status = sent_by(tls12, Side::server, HandshakeType::certificate_status);
  REQUIRE(status.size() == 1);
  const Field* cert_status = find_field(status[0].tree, "certStatus");
  REQUIRE(cert_status != nullptr);
  CHECK_THAT(cert_status->value, Catch::StartsWith("revoked since "));
  CHECK(find_field(status[0].tree, "revocationReason")->value == "keyCompromise (1)");
  const auto tls12_certificate = sent_by(tls12, Side::server, HandshakeType::certificate);
  REQUIRE(tls12_certificate.size() == 1);
  CHECK(find_field(tls12_certificate[0].tree, "ocsp_response") == nullptr);
  CHECK(std::any_of(tls12.steps.begin(), tls12.steps.end(),
                    [](const Step& s) { return carries(s, HandshakeType::certificate_status); }));

  const Transcript tls13 = run_scenario(https_with({{"version", "1.3"}, {"ocsp", "good"}}));
  CHECK(sent_by(tls13, Side::server, HandshakeType::certificate_status).empty());
  const auto certificate = sent_by(tls13, Side::server, HandshakeType::certificate);
  REQUIRE(certificate.size() == 1);
  const Field* list = find_field(certificate[0].tree, "certificate_list");
  REQUIRE(list != nullptr);
  std::vector<const Field*> entries;
  for (const Field& child : list->children)
    if (child.name == "CertificateEntry") entries.push_back(&child);
  REQUIRE(entries.size() == 2);  // the leaf and the intermediate
  const Field* leaf_staple = find_field(entries[0]->children, "ocsp_response");
  REQUIRE(leaf_staple != nullptr);
  CHECK(leaf_staple->value == leaf_staple->children.front().value + " bytes, certStatus good");
  CHECK(find_field(entries[1]->children, "ocsp_response") == nullptr);  // OpenSSL staples for the leaf only

  // The staple names the leaf the server sent: its CertID's serial is the certificate's.
  const std::vector<Bytes> chain = wire::certificate_chain(tls13, Side::server);
  REQUIRE_FALSE(chain.empty());
  const auto leaf = wire::summarize_certificate(chain.front());
  REQUIRE(leaf.has_value());
  CHECK(upper_without_leading_zeros(find_field(entries[0]->children, "serialNumber")->value) == leaf->serial);
}

TEST_CASE("ocsp=off: the client asks for nothing, nothing is stapled, and the status is none") {
  for (const char* version : {"1.3", "1.2"}) {
    INFO(version);
    const Transcript t = run_scenario(https_with({{"version", version}}));
    CHECK(t.handshake_complete);
    CHECK(t.negotiated.ocsp_status == "none");
    CHECK(staple_note(t).empty());
    const auto hello = sent_by(t, Side::client, HandshakeType::client_hello);
    REQUIRE(hello.size() == 1);
    CHECK(find_field(hello[0].tree, "Extension: status_request") == nullptr);
    CHECK(sent_by(t, Side::server, HandshakeType::certificate_status).empty());

    const Transcript asked = run_scenario(https_with({{"version", version}, {"ocsp", "good"}}));
    const auto asked_hello = sent_by(asked, Side::client, HandshakeType::client_hello);
    REQUIRE(asked_hello.size() == 1);
    CHECK(find_field(asked_hello[0].tree, "Extension: status_request") != nullptr);
  }
}

TEST_CASE("ocsp: a client that asks a server with no staple goes on without one (soft-fail)") {
  Scenario scenario = https_with({});
  scenario.client_status_request = true;
  for (TlsVersion version : {TlsVersion::tls13, TlsVersion::tls12}) {
    scenario.version = version;
    const Transcript t = run_scenario(scenario);
    CHECK(t.handshake_complete);
    CHECK(t.negotiated.ocsp_status == "none");
    CHECK(staple_note(t) == "checks the OCSP staple: none");
    CHECK(sent_by(t, Side::server, HandshakeType::certificate_status).empty());
  }
}

TEST_CASE("ocsp: seeded staples repeat byte for byte, and the certificates are the same with and without one") {
  for (const char* value : {"good", "expired"}) {
    const Transcript first = run_scenario(https_with({{"version", "1.2"}, {"ocsp", value}}));
    const Transcript second = run_scenario(https_with({{"version", "1.2"}, {"ocsp", value}}));
    REQUIRE(first.steps.size() == second.steps.size());
    for (std::size_t i = 0; i < first.steps.size(); ++i) CHECK(first.steps[i].bytes == second.steps[i].bytes);
  }
  const Transcript off = run_scenario(https_with({}));
  const Transcript good = run_scenario(https_with({{"ocsp", "good"}}));
  CHECK(wire::certificate_chain(off, Side::server) == wire::certificate_chain(good, Side::server));
}

TEST_CASE("ocsp: virtual hosts each get the staple about their own certificate") {
  const Transcript t =
      run_scenario(https_with({{"ocsp", "good"}, {"virtual-hosts", "shop.example.com"}, {"server-name", "shop.example.com"},
                               {"verify-name", "shop.example.com"}}));
  CHECK(t.handshake_complete);
  CHECK(t.negotiated.ocsp_status == "good");
}

TEST_CASE("ocsp: trace JSON's negotiated.ocsp_status is what the client saw") {
  for (const char* value : {"good", "revoked", "unknown", "expired"}) {
    const nlohmann::json json = trace_to_json(run_scenario(https_with({{"version", "1.2"}, {"ocsp", value}})), {});
    CHECK(json["negotiated"]["ocsp_status"] == value);
  }
  CHECK(trace_to_json(run_scenario(https_with({})), {})["negotiated"]["ocsp_status"] == "none");
}

TEST_CASE("ocsp reads back as it was set; off is the default") {
  Scenario s;
  CHECK(scenario_value(s, "ocsp") == "off");
  REQUIRE(set_scenario_field(s, "ocsp", "expired").empty());
  CHECK(scenario_value(s, "ocsp") == "expired");
  CHECK_THAT(set_scenario_field(s, "ocsp", "maybe"), Catch::Contains("off | good | revoked | unknown | expired"));
  CHECK(scenario_choices("ocsp").size() == 5);
}
