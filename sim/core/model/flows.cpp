// The flows table and the matcher that walks a run's messages through it.
#include "core/model/flows.hpp"

#include <algorithm>

#include "core/model/record_layer.hpp"

namespace hl::flows {
namespace {

using H = HandshakeType;
constexpr Sender C = Sender::client, S = Sender::server, E = Sender::either;
constexpr Need kOptional = Need::optional, kRepeated = Need::repeated;

constexpr Row hs(Sender from, HandshakeType type, std::uint8_t flight, Need need = Need::required) {
  return {from, record::kHandshake, type, need, flight};
}
constexpr Row ccs(Sender from, std::uint8_t flight, Need need = Need::required) {
  return {from, record::kChangeCipherSpec, std::nullopt, need, flight};
}
constexpr Row app_data(Sender from, std::uint8_t flight) {
  return {from, record::kApplicationData, std::nullopt, kRepeated, flight};
}
// Closure (RFC 8446 §6.1, RFC 5246 §7.2.1): either side's close_notify, then the peer's; nothing after.
constexpr Row close_notify(std::uint8_t flight) {
  return {E, record::kAlert, std::nullopt, kRepeated, flight, true};
}

// ---- TLS 1.3 (RFC 8446) --------------------------------------------------------------------
// The ChangeCipherSpecs are middlebox compatibility mode (appendix D.4): the server sends one
// after its first handshake message, the client one before its second flight. The
// CertificateRequest and the client's Certificate and CertificateVerify are client
// authentication (§4.3.2, §4.4). After the handshake: tickets, key updates, data and post-handshake
// authentication (§4.6.2: the server's CertificateRequest, the client's Certificate, CertificateVerify
// and Finished), any order.

constexpr Row kTls13Full[] = {
    hs(C, H::client_hello, 1),
    hs(S, H::server_hello, 2),
    ccs(S, 2, kOptional),
    hs(S, H::encrypted_extensions, 2),
    hs(S, H::certificate_request, 2, kOptional),
    hs(S, H::certificate, 2),
    hs(S, H::certificate_verify, 2),
    hs(S, H::finished, 2),
    ccs(C, 3, kOptional),
    hs(C, H::certificate, 3, kOptional),
    hs(C, H::certificate_verify, 3, kOptional),
    hs(C, H::finished, 3),
    hs(S, H::new_session_ticket, 4, kRepeated),
    hs(E, H::key_update, 4, kRepeated),
    hs(S, H::certificate_request, 4, kRepeated),
    hs(C, H::certificate, 4, kRepeated),
    hs(C, H::certificate_verify, 4, kRepeated),
    hs(C, H::finished, 4, kRepeated),
    app_data(E, 4),
    close_notify(5),
};
constexpr const char* kTls13FullFlights[] = {"client hello", "server hello to Finished", "client Finished",
                                             "after the handshake", "closing"};

constexpr Row kTls13HelloRetry[] = {
    hs(C, H::client_hello, 1),
    hs(S, H::hello_retry_request, 2),
    ccs(S, 2, kOptional),
    ccs(C, 3, kOptional),
    hs(C, H::client_hello, 3),
    hs(S, H::server_hello, 4),
    hs(S, H::encrypted_extensions, 4),
    hs(S, H::certificate_request, 4, kOptional),
    hs(S, H::certificate, 4),
    hs(S, H::certificate_verify, 4),
    hs(S, H::finished, 4),
    hs(C, H::certificate, 5, kOptional),
    hs(C, H::certificate_verify, 5, kOptional),
    hs(C, H::finished, 5),
    hs(S, H::new_session_ticket, 6, kRepeated),
    hs(E, H::key_update, 6, kRepeated),
    hs(S, H::certificate_request, 6, kRepeated),
    hs(C, H::certificate, 6, kRepeated),
    hs(C, H::certificate_verify, 6, kRepeated),
    hs(C, H::finished, 6, kRepeated),
    app_data(E, 6),
    close_notify(7),
};
constexpr const char* kTls13HelloRetryFlights[] = {"client hello",          "server asks for another key share",
                                                   "client hello again",    "server hello to Finished",
                                                   "client Finished",       "after the handshake",
                                                   "closing"};

// PSK resumption (§2.2): no certificates. With 0-RTT it is one of the two early-data flows below.
constexpr Row kTls13Resumed[] = {
    hs(C, H::client_hello, 1),
    hs(S, H::server_hello, 2),
    ccs(S, 2, kOptional),
    hs(S, H::encrypted_extensions, 2),
    hs(S, H::finished, 2),
    ccs(C, 3, kOptional),
    hs(C, H::finished, 3),
    hs(S, H::new_session_ticket, 4, kRepeated),
    hs(E, H::key_update, 4, kRepeated),
    app_data(E, 4),
    close_notify(5),
};
constexpr const char* kTls13ResumedFlights[] = {"client hello", "server hello to Finished",
                                                "client Finished", "after the handshake", "closing"};

// 0-RTT (§2.3, figure 4): the client's early data follows its ClientHello (and the compatibility
// ChangeCipherSpec, which OpenSSL sends right behind the ClientHello when it has early data to
// send). Accepted: the server's EncryptedExtensions carry early_data, and the client ends its early
// data with EndOfEarlyData, still under client_early_traffic_secret. Rejected (§4.2.10): no
// early_data in EncryptedExtensions, no EndOfEarlyData; the server skipped the records unread and
// the client sends its request again after the handshake.
constexpr Row early_data(std::uint8_t flight) { return {C, record::kApplicationData, std::nullopt, Need::required, flight}; }

constexpr Row kTls13EarlyData[] = {
    hs(C, H::client_hello, 1),
    ccs(C, 1, kOptional),
    early_data(1),
    app_data(C, 1),
    hs(S, H::server_hello, 2),
    ccs(S, 2, kOptional),
    hs(S, H::encrypted_extensions, 2),
    hs(S, H::finished, 2),
    hs(C, H::end_of_early_data, 3),
    hs(C, H::finished, 3),
    hs(S, H::new_session_ticket, 4, kRepeated),
    hs(E, H::key_update, 4, kRepeated),
    app_data(E, 4),
    close_notify(5),
};
constexpr Row kTls13EarlyDataRejected[] = {
    hs(C, H::client_hello, 1),
    ccs(C, 1, kOptional),
    early_data(1),
    app_data(C, 1),
    hs(S, H::server_hello, 2),
    ccs(S, 2, kOptional),
    hs(S, H::encrypted_extensions, 2),
    hs(S, H::finished, 2),
    hs(C, H::finished, 3),
    hs(S, H::new_session_ticket, 4, kRepeated),
    hs(E, H::key_update, 4, kRepeated),
    app_data(E, 4),
    close_notify(5),
};
constexpr const char* kTls13EarlyDataFlights[] = {"client hello and early data", "server hello to Finished",
                                                  "end of early data and client Finished", "after the handshake", "closing"};
constexpr const char* kTls13EarlyDataRejectedFlights[] = {"client hello and early data", "server hello to Finished",
                                                          "client Finished", "after the handshake", "closing"};

// ---- TLS 1.2 (RFC 5246 §7.3) ---------------------------------------------------------------
// CertificateStatus is OCSP stapling (RFC 6066 §8); CertificateRequest and the client's
// Certificate and CertificateVerify are client authentication; NewSessionTicket is RFC 5077.

constexpr Row kTls12Ecdhe[] = {
    hs(C, H::client_hello, 1),
    hs(S, H::server_hello, 2),
    hs(S, H::certificate, 2),
    hs(S, H::certificate_status, 2, kOptional),
    hs(S, H::server_key_exchange, 2),
    hs(S, H::certificate_request, 2, kOptional),
    hs(S, H::server_hello_done, 2),
    hs(C, H::certificate, 3, kOptional),
    hs(C, H::client_key_exchange, 3),
    hs(C, H::certificate_verify, 3, kOptional),
    ccs(C, 3),
    hs(C, H::finished, 3),
    hs(S, H::new_session_ticket, 4, kOptional),
    ccs(S, 4),
    hs(S, H::finished, 4),
    app_data(E, 5),
    close_notify(6),
};

constexpr Row kTls12Rsa[] = {
    hs(C, H::client_hello, 1),
    hs(S, H::server_hello, 2),
    hs(S, H::certificate, 2),
    hs(S, H::certificate_status, 2, kOptional),
    hs(S, H::certificate_request, 2, kOptional),
    hs(S, H::server_hello_done, 2),
    hs(C, H::certificate, 3, kOptional),
    hs(C, H::client_key_exchange, 3),
    hs(C, H::certificate_verify, 3, kOptional),
    ccs(C, 3),
    hs(C, H::finished, 3),
    hs(S, H::new_session_ticket, 4, kOptional),
    ccs(S, 4),
    hs(S, H::finished, 4),
    app_data(E, 5),
    close_notify(6),
};
constexpr const char* kTls12FullFlights[] = {"client hello", "server hello to ServerHelloDone",
                                             "client key exchange and Finished", "server Finished",
                                             "application data", "closing"};

// Session resumption: the server finishes first.
constexpr Row kTls12Abbreviated[] = {
    hs(C, H::client_hello, 1),
    hs(S, H::server_hello, 2),
    hs(S, H::new_session_ticket, 2, kOptional),
    ccs(S, 2),
    hs(S, H::finished, 2),
    ccs(C, 3),
    hs(C, H::finished, 3),
    app_data(E, 4),
    close_notify(5),
};
constexpr const char* kTls12AbbreviatedFlights[] = {"client hello", "server hello and Finished", "client Finished",
                                                    "application data", "closing"};

const Flow kFlows[] = {
    {FlowId::tls13_full, "TLS 1.3 full handshake", record::kTls13, kTls13Full, kTls13FullFlights},
    {FlowId::tls13_hello_retry, "TLS 1.3 with HelloRetryRequest", record::kTls13, kTls13HelloRetry,
     kTls13HelloRetryFlights},
    {FlowId::tls13_resumed, "TLS 1.3 resumption (PSK)", record::kTls13, kTls13Resumed, kTls13ResumedFlights},
    {FlowId::tls13_early_data, "TLS 1.3 resumption with 0-RTT (accepted)", record::kTls13, kTls13EarlyData,
     kTls13EarlyDataFlights},
    {FlowId::tls13_early_data_rejected, "TLS 1.3 resumption with 0-RTT (rejected)", record::kTls13,
     kTls13EarlyDataRejected, kTls13EarlyDataRejectedFlights},
    {FlowId::tls12_ecdhe, "TLS 1.2 with ephemeral key exchange", record::kTls12, kTls12Ecdhe, kTls12FullFlights},
    {FlowId::tls12_rsa, "TLS 1.2 with RSA key transport", record::kTls12, kTls12Rsa, kTls12FullFlights},
    {FlowId::tls12_abbreviated, "TLS 1.2 abbreviated (resumed session)", record::kTls12, kTls12Abbreviated,
     kTls12AbbreviatedFlights},
};

// ---- matching ------------------------------------------------------------------------------

// The rows tried at place p: one row, or a run of repeated rows of one flight (any order).
std::size_t block_end(std::span<const Row> rows, std::size_t p) {
  if (rows[p].need != Need::repeated) return p + 1;
  std::size_t end = p;
  while (end < rows.size() && rows[end].need == Need::repeated && rows[end].flight == rows[p].flight) ++end;
  return end;
}

// The row that takes message at place p or after it, skipping rows that may be absent. Moves
// p past what was skipped and taken; a repeated row stays open for more.
std::optional<std::size_t> take_row(std::span<const Row> rows, std::size_t& p, const Message& message) {
  while (p < rows.size()) {
    std::size_t end = block_end(rows, p);
    for (std::size_t r = p; r < end; ++r) {
      if (!row_matches(rows[r], message)) continue;
      if (rows[r].need != Need::repeated) p = r + 1;
      return r;
    }
    if (rows[p].need == Need::required) return std::nullopt;
    p = end;
  }
  return std::nullopt;
}

bool required_left(std::span<const Row> rows, std::size_t p) {
  for (std::size_t r = p; r < rows.size(); ++r)
    if (rows[r].need == Need::required) return true;
  return false;
}

// Is a better than b as the flow of a run? The version the records were written with
// decides first: a run that reads like TLS 1.2 up to a fault is still a TLS 1.3 run.
bool better(const Match& a, const Match& b, std::uint16_t version) {
  bool a_version = a.flow->version == version, b_version = b.flow->version == version;
  if (a_version != b_version) return a_version;
  if (a.rows.size() != b.rows.size()) return a.rows.size() > b.rows.size();
  return a.complete && !b.complete;
}

}  // namespace

std::span<const Flow> all_flows() { return kFlows; }

bool row_matches(const Row& row, const Message& message) {
  bool sender = row.from == Sender::either || (row.from == Sender::client) == (message.from == Side::client);
  return sender && row.content_type == message.content_type && row.type == message.type &&
         row.close_notify == message.close_notify;
}

const Flow& flow(FlowId id) {
  for (const auto& candidate : kFlows)
    if (candidate.id == id) return candidate;
  return kFlows[0];  // every FlowId has a row; unreachable
}

// Whether a record is the alert close_notify: level and description lead a protected record's
// plaintext, or follow a plaintext record's header.
bool carries_close_notify(const Step& step) {
  if (step.inner_type != record::kAlert) return false;
  const Bytes& content = step.is_protected ? step.plaintext : step.bytes;
  const std::size_t at = step.is_protected ? 0 : record::kHeaderLen;
  return content.size() >= at + 2 && content[at + 1] == 0;  // AlertDescription close_notify(0)
}

std::vector<Message> messages_of(const Transcript& transcript, int connection) {
  std::vector<Message> messages;
  for (std::size_t i = 0; i < transcript.steps.size(); ++i) {
    const Step& step = transcript.steps[i];
    if (step.kind != StepKind::record || step.connection != connection) continue;
    const std::uint8_t type = step.inner_type;  // the true type: TLS 1.3's inner type when protected
    if (type != record::kHandshake) {
      messages.push_back({sender_role(step), type, std::nullopt, i, connection, carries_close_notify(step)});
      continue;
    }
    for (HandshakeType message : step.messages) messages.push_back({sender_role(step), type, message, i, connection});
  }
  return messages;
}

std::vector<int> connections_of(const Transcript& transcript) {
  std::vector<int> connections;
  for (const Step& step : transcript.steps)
    if (std::find(connections.begin(), connections.end(), step.connection) == connections.end())
      connections.push_back(step.connection);
  std::sort(connections.begin(), connections.end());
  if (connections.empty()) connections.push_back(1);
  return connections;
}

Match match(const Flow& flow, std::span<const Message> messages) {
  Match result;
  result.flow = &flow;
  std::size_t p = 0;
  for (std::size_t i = 0; i < messages.size(); ++i) {
    std::optional<std::size_t> row = take_row(flow.rows, p, messages[i]);
    if (!row && messages[i].content_type == record::kAlert) {  // an alert no closing row takes ends the run
      result.alert = i;
      break;
    }
    if (!row) {
      result.unexpected = i;
      break;
    }
    result.rows.push_back(*row);
    result.positions.push_back(p);
  }
  result.complete = !required_left(flow.rows, p);
  return result;
}

Match pick(std::span<const Message> messages, std::uint16_t version) {
  Match best;
  if (messages.empty()) return best;
  for (const auto& candidate : kFlows) {
    Match attempt = match(candidate, messages);
    if (!best.flow || better(attempt, best, version)) best = std::move(attempt);
  }
  return best;
}

Match pick(const Transcript& transcript, int connection) {
  std::uint16_t version = 0;
  for (const auto& step : transcript.steps)
    if (step.kind == StepKind::record && step.connection == connection && step.version != 0) version = step.version;
  return pick(messages_of(transcript, connection), version);
}

std::vector<Row> next_rows(const Match& match, std::size_t num_seen) {
  std::vector<Row> next;
  if (!match.flow || num_seen > match.positions.size()) return next;
  std::span<const Row> rows = match.flow->rows;
  std::size_t p = num_seen == 0 ? 0 : match.positions[num_seen - 1];
  while (p < rows.size()) {
    std::size_t end = block_end(rows, p);
    next.insert(next.end(), rows.begin() + static_cast<std::ptrdiff_t>(p), rows.begin() + static_cast<std::ptrdiff_t>(end));
    if (rows[p].need == Need::required) break;
    p = end;
  }
  return next;
}

std::uint8_t flight_of(const Match& match, std::size_t message) {
  if (!match.flow || message >= match.rows.size()) return 0;
  return match.flow->rows[match.rows[message]].flight;
}

const char* sender_name(Sender from) {
  static const char* const names[] = {"client", "server", "either side"};
  return names[static_cast<int>(from)];
}

}  // namespace hl::flows
