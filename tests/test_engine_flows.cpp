// Every handshake shape of a live run against the flows table (core/model/flows.hpp): each
// connection of the run picks the flow it should, every message it sent is taken by a row of
// that flow (in the flight the table gives it), and the messages are exactly the ones listed
// here, in order. A run that fails on purpose ends at its alert, with every message before it
// taken by a row. The shapes: resumption (ticket, session-id, psk-only), client certificates
// (on, required-missing, post-handshake), OCSP stapling, an ALPN mismatch, KeyUpdate, close, 0-RTT.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/engine/engine.hpp"
#include "core/model/flows.hpp"
#include "core/model/record_layer.hpp"
#include "core/wire/names.hpp"
#include "support/seeded_scenario.hpp"

using namespace hl;

namespace {

using Settings = std::initializer_list<std::pair<const char*, std::string>>;

// "S:certificate@2": sender, message (handshake type, change_cipher_spec, application_data,
// close_notify or alert) and the flight of the row that took it (@0: no row took it).
std::string label(const flows::Message& message, std::uint8_t flight) {
  std::string what;
  if (message.type) what = wire::handshake_type_name(static_cast<std::uint32_t>(*message.type));
  else if (message.content_type == record::kChangeCipherSpec) what = "change_cipher_spec";
  else if (message.content_type == record::kApplicationData) what = "application_data";
  else if (message.close_notify) what = "close_notify";
  else what = "alert";
  return std::string(message.from == Side::client ? "C:" : "S:") + what + "@" + std::to_string(flight);
}

struct Expected {
  flows::FlowId flow;
  std::vector<std::string> messages;  // label() of each message of the connection, in order
  bool ends_with_alert = false;       // a failing run: its last message is the alert that ended it
};

// One connection of t follows `expected`.
void check_connection(const Transcript& t, int connection, const Expected& expected) {
  INFO("connection " << connection << ", expected flow: " << flows::flow(expected.flow).name);
  const std::vector<flows::Message> messages = flows::messages_of(t, connection);
  const flows::Match match = flows::pick(t, connection);
  REQUIRE(match.flow != nullptr);
  CHECK(match.flow->id == expected.flow);
  CHECK_FALSE(match.unexpected);
  std::vector<std::string> labels;
  for (std::size_t i = 0; i < messages.size(); ++i) labels.push_back(label(messages[i], flows::flight_of(match, i)));
  CHECK(labels == expected.messages);
  if (expected.ends_with_alert) {
    REQUIRE(match.alert);
    CHECK(*match.alert + 1 == messages.size());  // the alert is the last message; a row took each before it
    CHECK(match.rows.size() == messages.size() - 1);
  } else {
    CHECK_FALSE(match.alert);
    CHECK(match.complete);
    CHECK(match.rows.size() == messages.size());  // a row took every message
  }
}

Transcript run_with(Settings settings) { return run_scenario(test::seeded_scenario(3, settings)); }

// The TLS 1.3 handshake of the default scenario up to the client's Finished, server first flight
// (flight 2) with or without a CertificateRequest, and the client's (flight 3).
std::vector<std::string> tls13_handshake(bool certificate_request = false, bool client_certificate = false) {
  std::vector<std::string> m = {"C:client_hello@1", "S:server_hello@2", "S:change_cipher_spec@2",
                                "S:encrypted_extensions@2"};
  if (certificate_request) m.push_back("S:certificate_request@2");
  m.insert(m.end(), {"S:certificate@2", "S:certificate_verify@2", "S:finished@2", "C:change_cipher_spec@3"});
  if (client_certificate) m.insert(m.end(), {"C:certificate@3", "C:certificate_verify@3"});
  m.push_back("C:finished@3");
  return m;
}

std::vector<std::string> operator+(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

}  // namespace

TEST_CASE("flows: resumption, each connection by its flow (TLS 1.3 ticket and psk-only; TLS 1.2 ticket and session-id)") {
  const std::vector<std::string> tls13_after = {"S:new_session_ticket@4", "S:new_session_ticket@4",
                                                "C:application_data@4", "S:application_data@4"};
  // No Certificate, no CertificateVerify; OpenSSL's server sends one new ticket on a resumed connection.
  const std::vector<std::string> tls13_resumed = {"C:client_hello@1",     "S:server_hello@2",
                                                  "S:change_cipher_spec@2", "S:encrypted_extensions@2",
                                                  "S:finished@2",         "C:change_cipher_spec@3",
                                                  "C:finished@3",         "S:new_session_ticket@4",
                                                  "C:application_data@4", "S:application_data@4"};
  for (const char* how : {"ticket", "psk-only"}) {
    INFO("TLS 1.3 resume=" << how);
    const Transcript t = run_with({{"resume", how}});
    REQUIRE(t.negotiated.resumed);
    CHECK(flows::connections_of(t) == std::vector<int>{1, 2});
    check_connection(t, 1, {flows::FlowId::tls13_full, tls13_handshake() + tls13_after});
    check_connection(t, 2, {flows::FlowId::tls13_resumed, tls13_resumed});
  }
  const std::vector<std::string> tls12_full_start = {"C:client_hello@1",          "S:server_hello@2",
                                                     "S:certificate@2",           "S:server_key_exchange@2",
                                                     "S:server_hello_done@2",     "C:client_key_exchange@3",
                                                     "C:change_cipher_spec@3",    "C:finished@3"};
  const std::vector<std::string> tls12_full_end = {"S:change_cipher_spec@4", "S:finished@4", "C:application_data@5",
                                                   "S:application_data@5"};
  const std::vector<std::string> tls12_resumed_end = {"S:change_cipher_spec@2", "S:finished@2",
                                                      "C:change_cipher_spec@3", "C:finished@3",
                                                      "C:application_data@4",  "S:application_data@4"};
  for (const bool ticket : {true, false}) {
    INFO("TLS 1.2 resume=" << (ticket ? "ticket" : "session-id"));
    const Transcript t = run_with({{"version", "1.2"}, {"resume", ticket ? "ticket" : "session-id"}});
    REQUIRE(t.negotiated.resumed);
    // RFC 5077 §3.3: a server that issues tickets sends NewSessionTicket before its ChangeCipherSpec,
    // in the full handshake; the resumed connection keeps the ticket it presented, so no new one
    // comes. The session-id run's server issues none (the client is to resume from its cache).
    const std::vector<std::string> ticket_row = ticket ? std::vector<std::string>{"S:new_session_ticket@4"}
                                                       : std::vector<std::string>{};
    check_connection(t, 1, {flows::FlowId::tls12_ecdhe, tls12_full_start + ticket_row + tls12_full_end});
    check_connection(t, 2, {flows::FlowId::tls12_abbreviated,
                            std::vector<std::string>{"C:client_hello@1", "S:server_hello@2"} + tls12_resumed_end});
  }
}

TEST_CASE("flows: 0-RTT, early data accepted (EndOfEarlyData) and rejected (the request again after the handshake)") {
  // OpenSSL sends the compatibility ChangeCipherSpec right behind the ClientHello, then the early data.
  const std::vector<std::string> first_flight = {"C:client_hello@1", "C:change_cipher_spec@1", "C:application_data@1",
                                                 "S:server_hello@2", "S:change_cipher_spec@2",
                                                 "S:encrypted_extensions@2", "S:finished@2"};
  const Transcript accepted = run_with({{"early-data", "on"}});
  REQUIRE(accepted.negotiated.early_data == "accepted");
  check_connection(accepted, 2,
                   {flows::FlowId::tls13_early_data,
                    first_flight + std::vector<std::string>{"C:end_of_early_data@3", "C:finished@3",
                                                            "S:new_session_ticket@4", "S:application_data@4"}});
  const Transcript rejected = run_with({{"early-data", "rejected"}});
  REQUIRE(rejected.negotiated.early_data == "rejected");
  check_connection(rejected, 2,
                   {flows::FlowId::tls13_early_data_rejected,
                    first_flight + std::vector<std::string>{"C:finished@3", "S:new_session_ticket@4",
                                                            "C:application_data@4", "S:application_data@4"}});
}

TEST_CASE("flows: client certificates (on in TLS 1.3 and 1.2, required-missing, post-handshake)") {
  const std::vector<std::string> tls13_after = {"S:new_session_ticket@4", "S:new_session_ticket@4",
                                                "C:application_data@4", "S:application_data@4"};
  SECTION("on, TLS 1.3: CertificateRequest in the server's flight, the client's Certificate and CertificateVerify in its own") {
    const Transcript t = run_with({{"client-cert", "on"}});
    check_connection(t, 1, {flows::FlowId::tls13_full, tls13_handshake(true, true) + tls13_after});
  }
  SECTION("on, TLS 1.2: the client's Certificate before its key exchange, CertificateVerify after it") {
    const Transcript t = run_with({{"version", "1.2"}, {"client-cert", "on"}});
    check_connection(t, 1, {flows::FlowId::tls12_ecdhe,
                            {"C:client_hello@1", "S:server_hello@2", "S:certificate@2", "S:server_key_exchange@2",
                             "S:certificate_request@2", "S:server_hello_done@2", "C:certificate@3",
                             "C:client_key_exchange@3", "C:certificate_verify@3", "C:change_cipher_spec@3",
                             "C:finished@3", "S:new_session_ticket@4", "S:change_cipher_spec@4", "S:finished@4",
                             "C:application_data@5", "S:application_data@5"}});
  }
  SECTION("required-missing, TLS 1.3: an empty Certificate, no CertificateVerify, then the server's alert") {
    const Transcript t = run_with({{"client-cert", "required-missing"}});
    std::vector<std::string> m = tls13_handshake(true);
    m.insert(m.end() - 1, "C:certificate@3");
    m.push_back("S:alert@0");
    check_connection(t, 1, {flows::FlowId::tls13_full, m, true});
  }
  SECTION("required-missing, TLS 1.2: an empty Certificate, the key exchange and Finished, then the server's alert") {
    const Transcript t = run_with({{"version", "1.2"}, {"client-cert", "required-missing"}});
    check_connection(t, 1, {flows::FlowId::tls12_ecdhe,
                            {"C:client_hello@1", "S:server_hello@2", "S:certificate@2", "S:server_key_exchange@2",
                             "S:certificate_request@2", "S:server_hello_done@2", "C:certificate@3",
                             "C:client_key_exchange@3", "C:change_cipher_spec@3", "C:finished@3", "S:alert@0"},
                            true});
  }
  SECTION("post-handshake: after the handshake, the server's CertificateRequest and the client's answer") {
    const Transcript t = run_with({{"client-cert", "post-handshake"}});
    check_connection(t, 1, {flows::FlowId::tls13_full,
                            tls13_handshake() + std::vector<std::string>{
                                                    "S:new_session_ticket@4", "S:new_session_ticket@4",
                                                    "S:certificate_request@4", "C:certificate@4",
                                                    "C:certificate_verify@4", "C:finished@4",
                                                    // OpenSSL's server issues fresh tickets once it knows the client
                                                    "S:new_session_ticket@4", "S:new_session_ticket@4",
                                                    "C:application_data@4", "S:application_data@4"}});
  }
}

TEST_CASE("flows: OCSP stapling (TLS 1.2 CertificateStatus, TLS 1.3 inside Certificate) and a revoked staple") {
  SECTION("good, TLS 1.2: CertificateStatus right after the server's Certificate") {
    const Transcript t = run_with({{"version", "1.2"}, {"ocsp", "good"}});
    check_connection(t, 1, {flows::FlowId::tls12_ecdhe,
                            {"C:client_hello@1", "S:server_hello@2", "S:certificate@2", "S:certificate_status@2",
                             "S:server_key_exchange@2", "S:server_hello_done@2", "C:client_key_exchange@3",
                             "C:change_cipher_spec@3", "C:finished@3", "S:new_session_ticket@4",
                             "S:change_cipher_spec@4", "S:finished@4", "C:application_data@5",
                             "S:application_data@5"}});
  }
  SECTION("good, TLS 1.3: no message of its own (the staple rides in the leaf's CertificateEntry)") {
    const Transcript t = run_with({{"ocsp", "good"}});
    check_connection(t, 1, {flows::FlowId::tls13_full,
                            tls13_handshake() + std::vector<std::string>{"S:new_session_ticket@4",
                                                                         "S:new_session_ticket@4",
                                                                         "C:application_data@4",
                                                                         "S:application_data@4"}});
  }
  SECTION("revoked, TLS 1.3: the client's alert where its Finished would be") {
    const Transcript t = run_with({{"ocsp", "revoked"}});
    std::vector<std::string> m = tls13_handshake();
    m.resize(m.size() - 2);  // no ChangeCipherSpec, no Finished from the client
    m.push_back("C:alert@0");
    check_connection(t, 1, {flows::FlowId::tls13_full, m, true});
  }
  SECTION("revoked, TLS 1.2: the client's alert after the server's first flight") {
    const Transcript t = run_with({{"version", "1.2"}, {"ocsp", "revoked"}});
    check_connection(t, 1, {flows::FlowId::tls12_ecdhe,
                            {"C:client_hello@1", "S:server_hello@2", "S:certificate@2", "S:certificate_status@2",
                             "S:server_key_exchange@2", "S:server_hello_done@2", "C:alert@0"},
                            true});
  }
}

TEST_CASE("flows: an ALPN mismatch ends right after the ClientHello, with the server's alert") {
  for (const auto& [version, flow] : {std::pair{"1.3", flows::FlowId::tls13_full}, {"1.2", flows::FlowId::tls12_ecdhe}}) {
    INFO(version);
    const Transcript t = run_with({{"version", version}, {"alpn", "h2"}});
    check_connection(t, 1, {flow, {"C:client_hello@1", "S:alert@0"}, true});
  }
}

TEST_CASE("flows: key-update=on, the server's KeyUpdate ahead of its data, the client's answer after the handshake") {
  const Transcript t = run_with({{"key-update", "on"}});
  REQUIRE(t.failure.empty());
  check_connection(t, 1, {flows::FlowId::tls13_full,
                          tls13_handshake() + std::vector<std::string>{"S:new_session_ticket@4",
                                                                       "S:new_session_ticket@4",
                                                                       "C:application_data@4", "S:key_update@4",
                                                                       "S:application_data@4", "C:key_update@4"}});
  // Both KeyUpdates are taken by the table's key_update row of the flight after the handshake.
  const flows::Match match = flows::pick(t);
  const auto messages = flows::messages_of(t);
  std::size_t num_updates = 0;
  for (std::size_t i = 0; i < messages.size(); ++i) {
    if (messages[i].type != HandshakeType::key_update) continue;
    ++num_updates;
    REQUIRE(i < match.rows.size());
    const flows::Row& row = match.flow->rows[match.rows[i]];
    CHECK(row.type == HandshakeType::key_update);
    CHECK(row.from == flows::Sender::either);
    CHECK(std::string(match.flow->flights[row.flight - 1]) == "after the handshake");
  }
  CHECK(num_updates == 2);
}

TEST_CASE("flows: close=notify ends with both close_notify alerts in the closing flight; close=cut with none") {
  // cut: no close_notify; the client's OpenSSL, at the unexpected EOF, sends decode_error on its way out.
  const std::vector<std::string> after = {"S:new_session_ticket@4", "S:new_session_ticket@4", "C:application_data@4",
                                          "S:application_data@4"};
  const Transcript notify = run_with({{"close", "notify"}});
  check_connection(notify, 1, {flows::FlowId::tls13_full,
                               tls13_handshake() + after + std::vector<std::string>{"C:close_notify@5", "S:close_notify@5"}});
  const Transcript cut = run_with({{"close", "cut"}});
  check_connection(cut, 1, {flows::FlowId::tls13_full, tls13_handshake() + after + std::vector<std::string>{"C:alert@0"}, true});
  const Transcript tls12 = run_with({{"version", "1.2"}, {"close", "notify"}});
  check_connection(tls12, 1, {flows::FlowId::tls12_ecdhe,
                              {"C:client_hello@1", "S:server_hello@2", "S:certificate@2", "S:server_key_exchange@2",
                               "S:server_hello_done@2", "C:client_key_exchange@3", "C:change_cipher_spec@3",
                               "C:finished@3", "S:new_session_ticket@4", "S:change_cipher_spec@4", "S:finished@4",
                               "C:application_data@5", "S:application_data@5", "C:close_notify@6",
                               "S:close_notify@6"}});
}
